package io.keyward.workflows.rotation;

import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.hsm.BackupCheck;
import java.time.Instant;
import java.util.List;

/**
 * What the pre-rotation phase found (runbook 6.3 at T-30): the key's current version, the
 * applications that use it, what is wrong with that dependency map, and whether the backup restored
 * and worked in a scratch location (or, where the provider cannot do that, was confirmed by a
 * person).
 */
public record PreRotationChecks(
    Instant at,
    String currentVersion,
    List<KeyDependent> dependents,
    List<String> dependencyFindings,
    BackupCheck backup,
    int stakeholdersNotified) {
  public PreRotationChecks {
    dependents = dependents == null ? List.of() : List.copyOf(dependents);
    dependencyFindings = dependencyFindings == null ? List.of() : List.copyOf(dependencyFindings);
  }

  /** The same checks with {@code checked} as the backup's outcome. */
  public PreRotationChecks withBackup(BackupCheck checked) {
    return new PreRotationChecks(
        at, currentVersion, dependents, dependencyFindings, checked, stakeholdersNotified);
  }

  /**
   * True when the backup was restored and used, or confirmed by a person where Keyward cannot
   * restore it: the rotation may be approved by the review.
   */
  public boolean backupVerified() {
    return backup != null && backup.passed();
  }
}
