package io.keyward.ui.rotation;

import io.keyward.api.rotation.RotationRequestBody;
import io.keyward.ui.pages.CeremonyStart;
import io.keyward.ui.pages.Layout;
import io.keyward.workflows.rotation.ManualRotation;

/** What the rotation plan form shows: the values as typed and a refusal if any. */
public record RotationFormView(
    Layout layout,
    String action,
    String problem,
    RotationFields fields,
    long horizonDays,
    int maxJustification) {

  static RotationFormView of(Layout layout, RotationFields fields, String problem) {
    return new RotationFormView(
        layout,
        CeremonyStart.PLAN_ROTATION.path(),
        problem,
        fields,
        ManualRotation.MAX_PLANNING_HORIZON.toDays(),
        RotationRequestBody.MAX_JUSTIFICATION);
  }
}
