package io.keyward.workflows.attestation;

/**
 * Signs attestations with a key that stays in its provider (the software keystore in dev mode, a
 * PKCS#11 token or Key Vault in production). Only the API holds one: it is the party that
 * authenticates people.
 */
public interface AttestationSigner {
  /** The id workers trust the key under, e.g. {@code software:keyward/decisions@<version>}. */
  String keyId();

  /** ECDSA P-256 with SHA-256 over {@code data}, in IEEE P1363 form (64 bytes, r||s). */
  byte[] sign(byte[] data);
}
