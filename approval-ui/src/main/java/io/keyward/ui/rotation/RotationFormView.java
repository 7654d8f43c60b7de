package io.keyward.ui.rotation;

import io.keyward.api.rotation.RotationRequestBody;
import io.keyward.ui.pages.CeremonyStart;
import io.keyward.ui.pages.Choice;
import io.keyward.ui.pages.Layout;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.rotation.ManualRotation;
import java.util.List;

/** What the rotation plan form shows: the values as typed, the usages, and a refusal if any. */
public record RotationFormView(
    Layout layout,
    String action,
    String problem,
    RotationFields fields,
    List<Choice> usages,
    long horizonDays,
    int maxJustification) {

  static RotationFormView of(Layout layout, RotationFields fields, String problem) {
    return new RotationFormView(
        layout,
        CeremonyStart.PLAN_ROTATION.path(),
        problem,
        fields,
        Choice.of(KeyUsage.class, List.of(fields.usage()), KeyUsage::label),
        ManualRotation.MAX_PLANNING_HORIZON.toDays(),
        RotationRequestBody.MAX_JUSTIFICATION);
  }
}
