package io.keyward.api.keys;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.lifecycle.LifecycleInput;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.PolicyViolation;
import io.keyward.workflows.policy.PolicyViolationException;
import io.keyward.workflows.register.RegisteredKey;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The JSON body of enrolling a key in automatic rotation. It supplies only what the key register
 * lacks: for a registered key, both fields may be left out, and a value that differs from the
 * register's is refused (422): an enrolment never lowers who must approve; the classification
 * ceremony changes them. A key the register does not hold counts as ULTRA (a lower classification
 * is refused) and needs its {@code usage}, the row of the rotation matrix (runbook 6.1).
 */
@JsonIgnoreProperties({"actor", "enrolledBy"})
public record EnrolmentBody(KeyUsage usage, Classification classification) {
  LifecycleInput toInput(KeyRef key, String enrolledBy, Optional<RegisteredKey> entry) {
    if (usage != null && classification != null) {
      usage
          .violationAt(classification)
          .ifPresent(
              violation -> {
                throw new PolicyViolationException(List.of(violation));
              });
    }
    if (entry.isPresent()) {
      RegisteredKey registered = entry.get();
      refuseIfDifferent(key, "usage", usage, registered.usage());
      refuseIfDifferent(key, "classification", classification, registered.classification());
      return LifecycleInput.enrol(key, registered.usage(), registered.classification(), enrolledBy);
    }
    if (usage == null) {
      throw new IllegalArgumentException(
          key
              + " is not in the key register, so its usage is required: one of "
              + Arrays.toString(KeyUsage.values()));
    }
    refuseIfDifferent(key, "classification", classification, Classification.ULTRA);
    return LifecycleInput.enrol(key, usage, Classification.ULTRA, enrolledBy);
  }

  private static <T> void refuseIfDifferent(KeyRef key, String field, T asked, T counted) {
    if (asked != null && asked != counted) {
      throw new PolicyViolationException(
          List.of(
              new PolicyViolation(
                  "facts-from-register",
                  key
                      + " is "
                      + counted
                      + " in the key register (a key it does not hold counts as ULTRA), not "
                      + asked
                      + ": an enrolment cannot change its "
                      + field
                      + "; the classification ceremony does (POST /api/keys/"
                      + key.vault()
                      + "/"
                      + key.name()
                      + "/classification)")));
    }
  }
}
