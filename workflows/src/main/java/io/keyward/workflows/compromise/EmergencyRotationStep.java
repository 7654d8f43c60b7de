package io.keyward.workflows.compromise;

import static io.keyward.workflows.ceremony.IdempotencyKeys.subject;
import static io.keyward.workflows.ceremony.WorkflowClock.now;

import io.keyward.workflows.ceremony.ActivityFailures;
import io.keyward.workflows.ceremony.AuditDetails;
import io.keyward.workflows.ceremony.CeremonyNotifier;
import io.keyward.workflows.ceremony.CeremonyRecord;
import io.keyward.workflows.ceremony.IdempotencyKeys;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.temporal.failure.ActivityFailure;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runbook 11 step 3: a replacement version with the compromised one's attributes, tagged with the
 * incident, and every affected application told to switch to it. A failed rotation is recorded and
 * alerted; the response goes on to the evidence. Workflow code only.
 */
final class EmergencyRotationStep {
  private final CompromiseReport report;
  private final CompromiseResponse response;
  private final CeremonyRecord record;
  private final CeremonyNotifier notifier;
  private final KeyProviderActivities keys;

  EmergencyRotationStep(
      CompromiseReport report,
      CompromiseResponse response,
      CeremonyRecord record,
      CeremonyNotifier notifier,
      KeyProviderActivities keys) {
    this.report = report;
    this.response = response;
    this.record = record;
    this.notifier = notifier;
    this.keys = keys;
  }

  /** The replacement, enabled; empty when it could not be made. */
  Optional<KeyVersionInfo> run(List<KeyVersionInfo> disabled, List<KeyDependent> affected) {
    KeyVersionInfo compromised = EmergencyRotation.newest(disabled);
    KeyVersionInfo made;
    try {
      made =
          keys.create(
              EmergencyRotation.commandFor(
                  compromised,
                  report.incident(),
                  subject(),
                  report.reporter().id(),
                  now(),
                  IdempotencyKeys.forStep("emergency-rotation")));
    } catch (ActivityFailure failure) {
      String why = ActivityFailures.describe(failure);
      response.action("Emergency rotation failed: " + why);
      record.step("ROTATION_FAILED", why, "EMERGENCY_ROTATION_FAILED", Map.of("why", why));
      notifier.send(CompromiseMessages.rotationFailed(report, why, subject()));
      return Optional.empty();
    }
    response.rotated(made);
    response.action("Emergency rotation: new version " + made.version());
    record.step(
        "KEY_ROTATED",
        "new version " + made.version() + " enabled",
        "EMERGENCY_ROTATION",
        AuditDetails.of(made).with("replaces", compromised.version()).build());
    for (KeyDependent app : affected) {
      notifier.send(CompromiseMessages.switchTo(report, app, made, subject()));
    }
    if (!affected.isEmpty()) {
      response.action(affected.size() + " applications told to switch to " + made.version());
    }
    return Optional.of(made);
  }
}
