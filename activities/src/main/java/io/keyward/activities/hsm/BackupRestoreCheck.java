package io.keyward.activities.hsm;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.BackupCheck;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Proves that a key's backup restores into a working key: backup, restore under a scratch name in
 * the same provider, round trip with the newest restored version, delete the scratch copy. The
 * backup bytes stay in this method. Where the provider cannot restore under a scratch name ({@link
 * KeyProvider#backupNotRestorableBecause}), the check says so and asks a person to confirm.
 */
public final class BackupRestoreCheck {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final RoundTripCheck roundTrip;

  public BackupRestoreCheck(RoundTripCheck roundTrip) {
    this.roundTrip = roundTrip;
  }

  public BackupCheck run(KeyProvider provider, KeyRef key) {
    Optional<String> limit = provider.backupNotRestorableBecause(key);
    if (limit.isPresent()) {
      return BackupCheck.needsConfirmation(limit.get());
    }
    KeyRef scratch = scratchFor(key);
    List<KeyVersionInfo> restored = provider.restore(provider.backup(key), scratch);
    try {
      if (restored.isEmpty()) {
        return new BackupCheck(false, 0, "the backup of " + key + " restored no versions");
      }
      KeyVersionInfo newest = restored.get(restored.size() - 1);
      RoundTripResult result = roundTrip.run(provider, scratch, newest.version());
      return new BackupCheck(
          result.passed(),
          restored.size(),
          "restored "
              + restored.size()
              + " version(s) of "
              + key
              + " as "
              + scratch
              + "; "
              + result.operation()
              + (result.passed() ? " passed" : " failed: " + result.detail()));
    } finally {
      provider.delete(scratch);
    }
  }

  private static KeyRef scratchFor(KeyRef key) {
    byte[] random = new byte[4];
    RANDOM.nextBytes(random);
    String prefix = "scratch-" + HexFormat.of().formatHex(random) + "-";
    String name = key.name();
    return new KeyRef(
        key.vault(), prefix + name.substring(0, Math.min(name.length(), 127 - prefix.length())));
  }
}
