package io.keyward.workflows.webauthn;

/**
 * An ACTIVE credential as a ceremony holds it to verify the assertions of signed decisions: whose
 * it is, its public key (COSE, base64url), the highest signature counter seen, and the relying
 * party and origin its assertions must name. No secret: it is recorded in the ceremony's history.
 */
public record AcceptedCredential(
    String personId,
    String credentialId,
    String publicKey,
    long signCount,
    String rpId,
    String origin) {

  /** The same credential with a higher counter seen. */
  public AcceptedCredential withSignCount(long count) {
    return new AcceptedCredential(personId, credentialId, publicKey, count, rpId, origin);
  }
}
