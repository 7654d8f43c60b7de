package io.keyward.activities.hsm;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.ProtectionLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory provider that records created versions (no key material) and can be told to fail
 * every call, standing in for an HSM or Key Vault in routing tests.
 */
final class FakeKeyProvider implements KeyProvider {
  private final String name;
  private final ProtectionLevel protection;
  private final Map<KeyRef, List<KeyVersionInfo>> keys = new ConcurrentHashMap<>();
  private volatile RuntimeException failure;

  FakeKeyProvider(String name, ProtectionLevel protection) {
    this.name = name;
    this.protection = protection;
  }

  void failWith(RuntimeException e) {
    this.failure = e;
  }

  private void maybeFail() {
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ProtectionLevel protection() {
    return protection;
  }

  @Override
  public boolean supports(KeySpec spec) {
    return true;
  }

  @Override
  public KeyVersionInfo create(CreateKeyCommand command) {
    maybeFail();
    List<KeyVersionInfo> versions = keys.computeIfAbsent(command.key(), k -> new ArrayList<>());
    KeyVersionInfo info =
        new KeyVersionInfo(
            command.key(),
            name + "-v" + (versions.size() + 1),
            command.spec().type(),
            command.spec().size(),
            command.spec().curve(),
            command.attributes().operations(),
            command.attributes().enabled(),
            Instant.EPOCH,
            null,
            null,
            command.attributes().tags(),
            name,
            protection,
            null);
    versions.add(info);
    return info;
  }

  @Override
  public Optional<KeyVersionInfo> find(KeyRef key, String version) {
    maybeFail();
    List<KeyVersionInfo> versions = keys.getOrDefault(key, List.of());
    if (version == null) {
      return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }
    return versions.stream().filter(v -> v.version().equals(version)).findFirst();
  }

  @Override
  public List<KeyVersionInfo> listVersions(KeyRef key) {
    maybeFail();
    return List.copyOf(keys.getOrDefault(key, List.of()));
  }

  @Override
  public List<KeyRef> listKeys() {
    maybeFail();
    return List.copyOf(keys.keySet());
  }

  @Override
  public KeyVersionInfo setEnabled(KeyRef key, String version, boolean enabled) {
    throw new UnsupportedOperationException("not needed by the routing tests");
  }

  @Override
  public byte[] sign(KeyRef key, String version, byte[] data) {
    throw new UnsupportedOperationException("not needed by the routing tests");
  }

  @Override
  public boolean verify(KeyRef key, String version, byte[] data, byte[] signature) {
    throw new UnsupportedOperationException("not needed by the routing tests");
  }

  @Override
  public byte[] encrypt(KeyRef key, String version, byte[] plaintext) {
    throw new UnsupportedOperationException("not needed by the routing tests");
  }

  @Override
  public byte[] decrypt(KeyRef key, String version, byte[] ciphertext) {
    throw new UnsupportedOperationException("not needed by the routing tests");
  }

  @Override
  public byte[] backup(KeyRef key) {
    throw new UnsupportedOperationException("not needed by the routing tests");
  }

  @Override
  public List<KeyVersionInfo> restore(byte[] backup, KeyRef target) {
    throw new UnsupportedOperationException("not needed by the routing tests");
  }

  @Override
  public void delete(KeyRef key) {
    throw new UnsupportedOperationException("not needed by the routing tests");
  }

  @Override
  public Optional<String> backupNotRestorableBecause(KeyRef key) {
    return Optional.empty();
  }
}
