package io.keyward.workflows.rotation;

import io.keyward.workflows.ceremony.ActivityFailures;
import io.keyward.workflows.ceremony.CeremonyNotifier;
import io.keyward.workflows.ceremony.CeremonyRecord;
import io.keyward.workflows.ceremony.IdempotencyKeys;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.RoundTripResult;
import io.temporal.failure.ActivityFailure;
import java.util.Map;

/**
 * Runbook 6.3 at T+7, connectivity validation: a round trip with the new version. When it fails,
 * the old version stays enabled and people decide: retry the validation, roll back, or accept the
 * failure. Workflow code only.
 */
final class PostRotationValidation {
  private final ManualRotation rotation;
  private final KeyProviderActivities keys;
  private final CeremonyRecord record;
  private final CeremonyNotifier notifier;
  private final RotationProgress progress;
  private final RotationWaits waits;

  PostRotationValidation(
      ManualRotation rotation,
      KeyProviderActivities keys,
      CeremonyRecord record,
      CeremonyNotifier notifier,
      RotationProgress progress,
      RotationWaits waits) {
    this.rotation = rotation;
    this.keys = keys;
    this.record = record;
    this.notifier = notifier;
    this.progress = progress;
    this.waits = waits;
  }

  /** Validates until the new version passes or a failure is accepted; false to roll back. */
  boolean run() {
    String version = rotation.newVersion();
    while (true) {
      progress.enter(RotationPhase.VALIDATING, null);
      RoundTripResult result = roundTrip(version);
      rotation.validation(result);
      record.audit(
          "POST_ROTATION_VALIDATED", null, RotationMessages.validationDetails(version, result));
      record.timeline(
          null,
          result.passed() ? "VALIDATION_PASSED" : "VALIDATION_FAILED",
          result.operation() + ": " + result.detail());
      if (result.passed()) {
        return true;
      }
      notifier.send(
          RotationMessages.validationFailed(
              rotation.snapshot(), result, IdempotencyKeys.subject()));
      progress.enter(RotationPhase.AWAITING_VALIDATION_DECISION, null);
      waits.withReminders(rotation::validationDecided, "a decision after the failed validation");
      RotationDecisionType decision = rotation.takeValidationDecision();
      if (decision == RotationDecisionType.ROLLBACK) {
        return false;
      }
      if (decision == RotationDecisionType.ACCEPT) {
        record.audit("VALIDATION_FAILURE_ACCEPTED", null, Map.of("version", version));
        return true;
      }
    }
  }

  private RoundTripResult roundTrip(String version) {
    try {
      return keys.roundTrip(rotation.request().key(), version);
    } catch (ActivityFailure failure) {
      return new RoundTripResult(version, "round trip", false, ActivityFailures.describe(failure));
    }
  }
}
