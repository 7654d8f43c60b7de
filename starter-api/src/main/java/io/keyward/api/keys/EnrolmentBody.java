package io.keyward.api.keys;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.lifecycle.LifecycleInput;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.RotationMatrix;
import java.util.Arrays;

/**
 * The JSON body of enrolling a key in automatic rotation: its usage (the row of the rotation
 * matrix, runbook 6.1) and its classification, which decides whether rotations wait for approval
 * (SECRET) or stay manual (ULTRA). Without a classification the usage's usual one applies.
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
    return LifecycleInput.enrol(key, usage, c, enrolledBy);
  }
}
