package io.keyward.workflows.attestation;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;

/**
 * A public key whose attestations a worker accepts, until {@code notAfter} (workflow time) when
 * given: during a rotation the old key keeps a {@code notAfter} a little after the API switched to
 * the new one, so decisions in flight still verify.
 */
public record TrustedKey(String keyId, PublicKey publicKey, Instant notAfter) {
  public TrustedKey {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(publicKey, "publicKey");
    if (!"EC".equals(publicKey.getAlgorithm())) {
      throw new IllegalArgumentException(
          "trusted key "
              + keyId
              + " must be an EC P-256 public key, is "
              + publicKey.getAlgorithm());
    }
  }

  public boolean trustedAt(long epochMillis) {
    return notAfter == null || epochMillis <= notAfter.toEpochMilli();
  }
}
