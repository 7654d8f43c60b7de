package io.keyward.activities.signing;

import io.keyward.activities.hsm.KeyProvider;
import io.keyward.workflows.attestation.AttestationSigner;
import io.keyward.workflows.common.KeyRef;

/** Signs with one version of an EC P-256 key in its provider; the key never leaves it. */
final class ProviderSigner implements AttestationSigner {
  private final KeyProvider provider;
  private final KeyRef key;
  private final String version;
  private final String keyId;

  ProviderSigner(KeyProvider provider, KeyRef key, String version, String keyId) {
    this.provider = provider;
    this.key = key;
    this.version = version;
    this.keyId = keyId;
  }

  @Override
  public String keyId() {
    return keyId;
  }

  @Override
  public byte[] sign(byte[] data) {
    return P1363Signatures.fromProvider(provider.sign(key, version, data));
  }

  @Override
  public String toString() {
    return keyId;
  }
}
