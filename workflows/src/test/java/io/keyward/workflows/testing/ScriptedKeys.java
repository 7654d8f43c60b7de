package io.keyward.workflows.testing;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.BackupCheck;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An {@link InMemoryKeyProvider} that can be told to fail: round trips with chosen versions fail
 * (the version answers, but wrongly), and backups do not restore.
 */
public final class ScriptedKeys implements KeyProviderActivities {
  private final InMemoryKeyProvider keys = new InMemoryKeyProvider();
  private final Set<String> brokenVersions = new HashSet<>();
  private volatile boolean backupsBroken;
  private volatile boolean backupsInHsm;

  public synchronized void breakRoundTripsOf(String version) {
    brokenVersions.add(version);
  }

  public synchronized void repairRoundTripsOf(String version) {
    brokenVersions.remove(version);
  }

  public void breakBackups(boolean broken) {
    backupsBroken = broken;
  }

  /** Backups become the HSM's own, which Keyward cannot restore: a person confirms them. */
  public void keepBackupsInTheHsm(boolean inHsm) {
    backupsInHsm = inHsm;
  }

  public InMemoryKeyProvider keys() {
    return keys;
  }

  @Override
  public KeyVersionInfo create(CreateKeyCommand command) {
    return keys.create(command);
  }

  @Override
  public KeyVersionInfo describe(KeyRef key, String version) {
    return keys.describe(key, version);
  }

  @Override
  public List<KeyVersionInfo> listVersions(KeyRef key) {
    return keys.listVersions(key);
  }

  @Override
  public KeyVersionInfo setEnabled(KeyRef key, String version, boolean enabled) {
    return keys.setEnabled(key, version, enabled);
  }

  @Override
  public synchronized RoundTripResult roundTrip(KeyRef key, String version) {
    if (brokenVersions.contains(version)) {
      return new RoundTripResult(version, "sign/verify", false, "signature does not verify");
    }
    return keys.roundTrip(key, version);
  }

  @Override
  public List<KeyVersionInfo> disableAllVersions(KeyRef key) {
    return keys.disableAllVersions(key);
  }

  @Override
  public BackupCheck verifyBackup(KeyRef key) {
    if (backupsBroken) {
      return new BackupCheck(false, 0, "the restored copy failed its round trip");
    }
    if (backupsInHsm) {
      return BackupCheck.needsConfirmation(key + " lives non-extractable in the HSM");
    }
    return keys.verifyBackup(key);
  }

  @Override
  public List<KeyRef> listKeys() {
    return keys.listKeys();
  }
}
