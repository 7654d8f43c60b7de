package io.keyward.activities.hsm;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.ProtectionLevel;
import java.util.List;
import java.util.Optional;

/**
 * One place keys live: the software keystore, a PKCS#11 HSM, Azure Key Vault or Managed HSM. Key
 * material never leaves an implementation; callers see identifiers and public attributes only.
 *
 * <p>Failures: {@link KeyNotFoundException} for an unknown key or version, {@link
 * KeyDeletedException} for a soft-deleted one, {@link ProviderThrottledException} when the provider
 * asks to slow down, {@link UnsupportedKeySpecException} for a spec it cannot create.
 */
public interface KeyProvider {
  /** Short name used in configuration and in {@link KeyVersionInfo#provider()}. */
  String name();

  /** The strongest protection this provider gives its keys. */
  ProtectionLevel protection();

  /** True when {@link #create} can make a key of this spec. */
  boolean supports(KeySpec spec);

  /**
   * Creates a new version of the key. Idempotent: a second call with the same {@link
   * CreateKeyCommand#idempotencyKey()} returns the version the first call made.
   */
  KeyVersionInfo create(CreateKeyCommand command);

  /** A version's attributes; {@code version == null} means the newest version. */
  Optional<KeyVersionInfo> find(KeyRef key, String version);

  /** All versions, oldest first; empty when the key does not exist. */
  List<KeyVersionInfo> listVersions(KeyRef key);

  /** Every key this provider holds. */
  List<KeyRef> listKeys();

  KeyVersionInfo setEnabled(KeyRef key, String version, boolean enabled);

  byte[] sign(KeyRef key, String version, byte[] data);

  boolean verify(KeyRef key, String version, byte[] data, byte[] signature);

  byte[] encrypt(KeyRef key, String version, byte[] plaintext);

  byte[] decrypt(KeyRef key, String version, byte[] ciphertext);

  /** A protected, provider-specific backup of all versions of the key; never plaintext material. */
  byte[] backup(KeyRef key);

  /** Restores a backup under {@code target} (a scratch vault to test a backup, or the original). */
  List<KeyVersionInfo> restore(byte[] backup, KeyRef target);

  /**
   * Why Keyward cannot prove a backup of {@code key} by restoring it under a scratch name here
   * ({@link BackupRestoreCheck}); empty when it can. A provider whose keys never leave the
   * hardware, or whose restores keep the key's own name, says why in words for the person who
   * confirms the backup by its own means instead (runbook 6.3 T-30 "backup procedures verified").
   * No default: a provider that wraps another must pass the answer on.
   */
  Optional<String> backupNotRestorableBecause(KeyRef key);

  /**
   * Deletes the key with all its versions. A provider with soft-delete keeps it recoverable for its
   * retention period; the software provider removes it at once. Used for scratch copies; deleting a
   * production key is a ceremony of its own.
   */
  void delete(KeyRef key);
}
