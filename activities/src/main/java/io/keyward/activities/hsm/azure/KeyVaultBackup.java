package io.keyward.activities.hsm.azure;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.keyward.workflows.common.KeyRef;
import java.io.IOException;
import java.util.Base64;

/**
 * A Key Vault backup as Keyward keeps it: Key Vault's own protected blob (restorable only into a
 * vault of the same subscription and geography, or the same security domain for a Managed HSM) with
 * the key it came from, because Key Vault restores a key under its original name only.
 */
record KeyVaultBackup(String format, String vault, String name, String blob) {
  static final String FORMAT = "keyward-keyvault-backup/1";
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  static KeyVaultBackup of(KeyRef key, byte[] blob) {
    return new KeyVaultBackup(
        FORMAT, key.vault(), key.name(), Base64.getEncoder().encodeToString(blob));
  }

  KeyRef key() {
    return new KeyRef(vault, name);
  }

  byte[] blobBytes() {
    return Base64.getDecoder().decode(blob);
  }

  byte[] toBytes() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the backup of " + key(), e);
    }
  }

  /**
   * @throws IllegalArgumentException when the bytes are not a Keyward Key Vault backup
   */
  static KeyVaultBackup parse(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new IllegalArgumentException("the backup is empty");
    }
    KeyVaultBackup backup;
    try {
      backup = JSON.readValue(bytes, KeyVaultBackup.class);
      backup.key();
      backup.blobBytes();
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the backup is not a Keyward Key Vault backup");
    }
    if (!FORMAT.equals(backup.format()) || backup.blob() == null) {
      throw new IllegalArgumentException(
          "the backup is not a Keyward Key Vault backup of format " + FORMAT);
    }
    return backup;
  }
}
