package io.keyward.activities.hsm;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.ProtectionLevel;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A provider that hands every operation to a real one, for providers that time, limit, count or
 * hold them: override {@link #call} to wrap every operation at the provider, or one operation to
 * change only that one. What the provider is ({@code name}, {@code protection}, {@code supports})
 * and whether a backup could be restored are answered directly.
 */
public abstract class ForwardingKeyProvider implements KeyProvider {
  private final KeyProvider provider;

  protected ForwardingKeyProvider(KeyProvider provider) {
    this.provider = provider;
  }

  /** The real provider, for an override that calls it inside its own {@link #call}. */
  protected KeyProvider provider() {
    return provider;
  }

  /**
   * Every operation at the provider goes through here, named ({@code create}, {@code find}, {@code
   * list_versions}, {@code list_keys}, {@code enable}, {@code disable}, {@code sign}, {@code
   * verify}, {@code encrypt}, {@code decrypt}, {@code backup}, {@code restore}, {@code delete}); by
   * default it just runs.
   */
  protected <T> T call(String operation, Supplier<T> call) {
    return call.get();
  }

  @Override
  public String name() {
    return provider.name();
  }

  @Override
  public ProtectionLevel protection() {
    return provider.protection();
  }

  @Override
  public boolean supports(KeySpec spec) {
    return provider.supports(spec);
  }

  @Override
  public KeyVersionInfo create(CreateKeyCommand command) {
    return call("create", () -> provider.create(command));
  }

  @Override
  public Optional<KeyVersionInfo> find(KeyRef key, String version) {
    return call("find", () -> provider.find(key, version));
  }

  @Override
  public List<KeyVersionInfo> listVersions(KeyRef key) {
    return call("list_versions", () -> provider.listVersions(key));
  }

  @Override
  public List<KeyRef> listKeys() {
    return call("list_keys", provider::listKeys);
  }

  @Override
  public KeyVersionInfo setEnabled(KeyRef key, String version, boolean enabled) {
    return call(enabled ? "enable" : "disable", () -> provider.setEnabled(key, version, enabled));
  }

  @Override
  public byte[] sign(KeyRef key, String version, byte[] data) {
    return call("sign", () -> provider.sign(key, version, data));
  }

  @Override
  public boolean verify(KeyRef key, String version, byte[] data, byte[] signature) {
    return call("verify", () -> provider.verify(key, version, data, signature));
  }

  @Override
  public byte[] encrypt(KeyRef key, String version, byte[] plaintext) {
    return call("encrypt", () -> provider.encrypt(key, version, plaintext));
  }

  @Override
  public byte[] decrypt(KeyRef key, String version, byte[] ciphertext) {
    return call("decrypt", () -> provider.decrypt(key, version, ciphertext));
  }

  @Override
  public byte[] backup(KeyRef key) {
    return call("backup", () -> provider.backup(key));
  }

  @Override
  public List<KeyVersionInfo> restore(byte[] backup, KeyRef target) {
    return call("restore", () -> provider.restore(backup, target));
  }

  @Override
  public void delete(KeyRef key) {
    call(
        "delete",
        () -> {
          provider.delete(key);
          return null;
        });
  }

  @Override
  public Optional<String> backupNotRestorableBecause(KeyRef key) {
    return provider.backupNotRestorableBecause(key);
  }
}
