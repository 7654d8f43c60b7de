package io.keyward.workflows.lifecycle;

import static io.keyward.workflows.ceremony.WorkflowClock.now;

import io.keyward.workflows.ceremony.ActivityFailures;
import io.keyward.workflows.ceremony.CeremonyMetrics;
import io.keyward.workflows.ceremony.CeremonyNotifier;
import io.keyward.workflows.ceremony.CeremonyRecord;
import io.keyward.workflows.ceremony.IdempotencyKeys;
import io.keyward.workflows.dependencies.DependencyActivities;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import io.keyward.workflows.register.RegisterSteps;
import io.keyward.workflows.register.RegisterUpdate;
import io.keyward.workflows.rotation.NextVersion;
import io.temporal.failure.ActivityFailure;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runbook 6.2's automatic rotation of one version: a new version with the same attributes, checked
 * by a round trip before anyone relies on it (disabled again when it fails), audited as {@code
 * KEY_ROTATED} and announced to the key's stakeholders. A failure is audited and alerted, never
 * thrown: the lifecycle falls back to reminding people of a manual rotation. Workflow code only.
 */
final class AutomaticRotationStep {
  private final RegisterSteps register = new RegisterSteps();
  private final KeyLifecycle lifecycle;
  private final KeyProviderActivities keys;
  private final DependencyActivities dependencies;
  private final CeremonyRecord record;
  private final CeremonyNotifier notifier;

  AutomaticRotationStep(
      KeyLifecycle lifecycle,
      KeyProviderActivities keys,
      DependencyActivities dependencies,
      CeremonyRecord record,
      CeremonyNotifier notifier) {
    this.lifecycle = lifecycle;
    this.keys = keys;
    this.dependencies = dependencies;
    this.record = record;
    this.notifier = notifier;
  }

  /** The new version, active and checked; empty when the rotation failed (people are alerted). */
  Optional<KeyVersionInfo> run(KeyVersionInfo old, List<String> approvedBy) {
    LifecycleInput input = lifecycle.input();
    KeyVersionInfo made;
    try {
      made =
          keys.create(
              NextVersion.command(
                  old,
                  lifecycle.usage(),
                  lifecycle.classification(),
                  now(),
                  IdempotencyKeys.subject(),
                  IdempotencyKeys.forStep("rotate")));
    } catch (ActivityFailure failure) {
      return failed(old, "creating the new version failed: " + ActivityFailures.describe(failure));
    }
    RoundTripResult check = roundTrip(made.version());
    if (!check.passed()) {
      keys.setEnabled(input.key(), made.version(), false);
      return failed(old, LifecycleMessages.roundTripFailed(made.version(), check));
    }
    lifecycle.rotated(made.version(), now());
    CeremonyMetrics.rotationFinished(CeremonyMetrics.AUTOMATIC, "COMPLETED");
    record.audit(
        "KEY_ROTATED",
        null,
        LifecycleMessages.rotatedDetails(made, old.version(), lifecycle, check, approvedBy));
    register.apply(
        RegisterUpdate.version(
            input.key(),
            RegisterSteps.changeId("rotated"),
            RegisterSteps.ceremony(),
            null,
            now(),
            made.version()));
    notifier.sendAll(
        LifecycleMessages.rotated(
            input.key(),
            dependencies.dependentsOf(input.key()),
            old.version(),
            made.version(),
            IdempotencyKeys.subject()));
    return Optional.of(made);
  }

  private Optional<KeyVersionInfo> failed(KeyVersionInfo old, String why) {
    CeremonyMetrics.rotationFinished(CeremonyMetrics.AUTOMATIC, "FAILED");
    record.audit(
        "AUTOMATIC_ROTATION_FAILED", null, Map.of("version", old.version(), "reason", why));
    notifier.send(
        LifecycleMessages.rotationFailed(lifecycle, old.version(), why, IdempotencyKeys.subject()));
    return Optional.empty();
  }

  private RoundTripResult roundTrip(String version) {
    try {
      return keys.roundTrip(lifecycle.input().key(), version);
    } catch (ActivityFailure failure) {
      return new RoundTripResult(version, "round trip", false, ActivityFailures.describe(failure));
    }
  }
}
