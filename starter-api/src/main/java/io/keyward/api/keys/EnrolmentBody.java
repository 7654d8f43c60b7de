package io.keyward.api.keys;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.lifecycle.LifecycleInput;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.PolicyViolationException;
import io.keyward.workflows.policy.RotationMatrix;
import java.util.Arrays;
import java.util.List;

/**
 * The JSON body of enrolling a key in automatic rotation: its usage (the row of the rotation
 * matrix, runbook 6.1) and its classification, which decides whether rotations wait for approval
 * (SECRET) or stay manual (ULTRA). Without a classification the usage's usual one applies; a usage
 * the classification cannot have (a root CA key below ULTRA) is a 422.
 */
@JsonIgnoreProperties({"actor", "enrolledBy"})
public record EnrolmentBody(KeyUsage usage, Classification classification) {
  LifecycleInput toInput(KeyRef key, String enrolledBy) {
    if (usage == null) {
      throw new IllegalArgumentException(
          "usage is required: one of " + Arrays.toString(KeyUsage.values()));
    }
    Classification c =
        classification != null
            ? classification
            : RotationMatrix.ruleFor(usage).typicalClassification();
    usage
        .violationAt(c)
        .ifPresent(
            violation -> {
              throw new PolicyViolationException(List.of(violation));
            });
    return LifecycleInput.enrol(key, usage, c, enrolledBy);
  }
}
