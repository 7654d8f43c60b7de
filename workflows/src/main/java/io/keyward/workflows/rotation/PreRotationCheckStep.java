package io.keyward.workflows.rotation;

import static io.keyward.workflows.ceremony.WorkflowClock.now;

import io.keyward.workflows.ceremony.ActivityFailures;
import io.keyward.workflows.ceremony.CeremonyNotifier;
import io.keyward.workflows.ceremony.CeremonyRecord;
import io.keyward.workflows.ceremony.IdempotencyKeys;
import io.keyward.workflows.dependencies.DependencyActivities;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.hsm.BackupCheck;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.notify.Notification;
import io.temporal.failure.ActivityFailure;
import java.util.List;
import java.util.Optional;

/**
 * Runbook 6.3 at T-30: the key's current version (which sets its classification), the dependency
 * map and what is wrong with it, the backup, and the notices to the stakeholders. What it found is
 * kept in {@link ManualRotation#checks()} and audited as {@code PRE_ROTATION_CHECKED}; a map or
 * backup that cannot be read is a finding, not a failure. Workflow code only.
 */
final class PreRotationCheckStep {
  private final ManualRotation rotation;
  private final KeyProviderActivities keys;
  private final DependencyActivities dependencies;
  private final CeremonyRecord record;
  private final CeremonyNotifier notifier;

  PreRotationCheckStep(
      ManualRotation rotation,
      KeyProviderActivities keys,
      DependencyActivities dependencies,
      CeremonyRecord record,
      CeremonyNotifier notifier) {
    this.rotation = rotation;
    this.keys = keys;
    this.dependencies = dependencies;
    this.record = record;
    this.notifier = notifier;
  }

  /**
   * Runs the checks; the stakeholders are told only the first time ({@code notifyStakeholders}), a
   * recheck keeps the count of the first. Empty when done, else why the rotation cannot go on.
   */
  Optional<String> run(boolean notifyStakeholders) {
    RotationRequest request = rotation.request();
    Optional<KeyVersionInfo> current = NextVersion.current(keys.listVersions(request.key()));
    if (current.isEmpty()) {
      return Optional.of("the key " + request.key() + " has no enabled version");
    }
    List<KeyDependent> dependents;
    List<String> findings;
    try {
      dependents = dependencies.dependentsOf(request.key());
      findings = DependencyMapCheck.findings(dependents);
    } catch (ActivityFailure failure) {
      dependents = List.of();
      findings =
          List.of("the dependency map could not be read: " + ActivityFailures.describe(failure));
    }
    BackupCheck backup;
    try {
      backup = keys.verifyBackup(request.key());
    } catch (ActivityFailure failure) {
      backup =
          new BackupCheck(
              false, 0, "backup verification failed: " + ActivityFailures.describe(failure));
    }
    int notified = rotation.checks() == null ? 0 : rotation.checks().stakeholdersNotified();
    if (notifyStakeholders) {
      List<Notification> notices =
          RotationMessages.planned(rotation.snapshot(), dependents, IdempotencyKeys.subject());
      notifier.sendAll(notices);
      notified = notices.size();
    }
    PreRotationChecks checks =
        new PreRotationChecks(
            now(), current.get().version(), dependents, findings, backup, notified);
    rotation.checks(checks);
    record.step(
        "PRE_ROTATION_CHECKED",
        RotationMessages.checksLine(checks),
        "PRE_ROTATION_CHECKED",
        RotationMessages.checksDetails(checks));
    return Optional.empty();
  }
}
