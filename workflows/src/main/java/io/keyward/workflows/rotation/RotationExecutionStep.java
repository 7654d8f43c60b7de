package io.keyward.workflows.rotation;

import static io.keyward.workflows.ceremony.WorkflowClock.now;

import io.keyward.workflows.ceremony.ActivityFailures;
import io.keyward.workflows.ceremony.CeremonyNotifier;
import io.keyward.workflows.ceremony.CeremonyRecord;
import io.keyward.workflows.ceremony.IdempotencyKeys;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.register.RegisterSteps;
import io.keyward.workflows.register.RegisterUpdate;
import io.temporal.failure.ActivityFailure;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runbook 6.3 at T, once approved and ordered: a new version from the enabled one, with the same
 * attributes, tagged with the workflow and step so a retry finds it; the old version stays enabled
 * until T+7. Audited as {@code KEY_ROTATED} under the executor's name; the key register records the
 * new version, its facts unchanged; the stakeholders are told. Workflow code only.
 */
final class RotationExecutionStep {
  private final ManualRotation rotation;
  private final KeyProviderActivities keys;
  private final CeremonyRecord record;
  private final CeremonyNotifier notifier;
  private final RegisterSteps register = new RegisterSteps();

  RotationExecutionStep(
      ManualRotation rotation,
      KeyProviderActivities keys,
      CeremonyRecord record,
      CeremonyNotifier notifier) {
    this.rotation = rotation;
    this.keys = keys;
    this.record = record;
    this.notifier = notifier;
  }

  /** Rotates; empty when the new version is active, else why it is not. */
  Optional<String> run() {
    RotationRequest request = rotation.request();
    Optional<KeyVersionInfo> current = NextVersion.current(keys.listVersions(request.key()));
    if (current.isEmpty()) {
      return Optional.of("the key has no enabled version to rotate from");
    }
    KeyVersionInfo old = current.get();
    Instant executedAt = now();
    KeyVersionInfo made;
    try {
      made =
          keys.create(
              NextVersion.command(
                  old,
                  rotation.rule().usage(),
                  rotation.classification(),
                  executedAt,
                  IdempotencyKeys.subject(),
                  IdempotencyKeys.forStep("rotate")));
    } catch (ActivityFailure failure) {
      return Optional.of("creating the new version failed: " + ActivityFailures.describe(failure));
    }
    rotation.executed(old.version(), made.version(), executedAt);
    RotationState rotated = rotation.snapshot();
    record.audit(
        "KEY_ROTATED", rotation.executor(), RotationMessages.rotatedDetails(made, rotated));
    register.apply(
        RegisterUpdate.version(
            request.key(),
            RegisterSteps.changeId("rotated"),
            RegisterSteps.ceremony(),
            rotation.executor(),
            executedAt,
            made.version()));
    record.timeline(null, "KEY_ROTATED", RotationMessages.rotatedLine(rotated));
    notifier.sendAll(
        RotationMessages.rotated(
            rotated,
            rotation.checks() == null ? List.of() : rotation.checks().dependents(),
            IdempotencyKeys.subject()));
    return Optional.empty();
  }
}
