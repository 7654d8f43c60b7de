package io.keyward.workflows.attestation;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;

/** An EC P-256 key pair of the JDK's, signing as a provider would: for tests only. */
final class JdkSigner implements AttestationSigner {
  private final String keyId;
  private final KeyPair pair;

  JdkSigner(String keyId) {
    this.keyId = keyId;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      this.pair = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String keyId() {
    return keyId;
  }

  @Override
  public byte[] sign(byte[] data) {
    try {
      Signature signature = Signature.getInstance(AttestationVerifier.ALGORITHM);
      signature.initSign(pair.getPrivate());
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  PublicKey publicKey() {
    return pair.getPublic();
  }

  TrustedKey trusted(Instant notAfter) {
    return new TrustedKey(keyId, pair.getPublic(), notAfter);
  }
}
