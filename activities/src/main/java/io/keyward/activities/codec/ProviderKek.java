package io.keyward.activities.codec;

import io.keyward.activities.hsm.KeyProvider;
import io.keyward.workflows.codec.KeyEncryptionKey;

/**
 * A key-encryption key that is one version of a key in a {@link KeyProvider}: wrapping is the
 * provider's encrypt (AES-GCM in the software keystore and a PKCS#11 token, RSA-OAEP-256 or AES-GCM
 * in Key Vault), so the key never leaves the provider.
 */
final class ProviderKek implements KeyEncryptionKey {
  private final KeyProvider provider;
  private final KekName.Versioned name;

  ProviderKek(KeyProvider provider, KekName.Versioned name) {
    this.provider = provider;
    this.name = name;
  }

  @Override
  public String id() {
    return name.id();
  }

  @Override
  public byte[] wrap(byte[] dataKey) {
    return provider.encrypt(name.name().key(), name.version(), dataKey);
  }

  @Override
  public byte[] unwrap(byte[] wrapped) {
    return provider.decrypt(name.name().key(), name.version(), wrapped);
  }

  @Override
  public String toString() {
    return id();
  }
}
