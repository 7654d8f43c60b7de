package io.keyward.workflows.hsm;

import io.keyward.workflows.common.KeyRef;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * Key operations at whichever provider the key's protection level maps to. Implementations are
 * idempotent: a retried call has the same effect as one call.
 */
@ActivityInterface(namePrefix = "Key")
public interface KeyProviderActivities {
  /**
   * Creates a version (disabled unless the attributes say otherwise); idempotent by command key.
   */
  KeyVersionInfo create(CreateKeyCommand command);

  /** One version's public attributes; fails with type {@code KeyNotFound} when absent. */
  KeyVersionInfo describe(KeyRef key, String version);

  List<KeyVersionInfo> listVersions(KeyRef key);

  KeyVersionInfo setEnabled(KeyRef key, String version, boolean enabled);

  /** Sign/verify or encrypt/decrypt with a fresh random message, whichever the key permits. */
  RoundTripResult roundTrip(KeyRef key, String version);

  /**
   * Disables every enabled version of the key (compromise response) and returns all versions as
   * they are afterwards. Idempotent: already disabled versions stay so.
   */
  List<KeyVersionInfo> disableAllVersions(KeyRef key);

  /**
   * Proves the backup procedure (runbook 6.3 T-30): backs the key up, restores the backup under a
   * scratch name in the same provider, runs a round trip with the restored newest version and
   * deletes the scratch copy. The backup itself never leaves the activity.
   */
  BackupCheck verifyBackup(KeyRef key);

  /** Every key held by any configured provider. */
  List<KeyRef> listKeys();
}
