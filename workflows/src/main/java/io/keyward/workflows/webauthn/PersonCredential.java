package io.keyward.workflows.webauthn;

import java.time.Instant;
import java.util.Objects;

/**
 * A person's WebAuthn credential (a security key or passkey) as the shared store keeps it: public
 * facts only. {@code publicKey} is the credential's COSE public key, base64url; {@code rpId} and
 * {@code origin} are the relying party and the page origin the API verified at registration, which
 * every assertion of this credential must match.
 */
public record PersonCredential(
    String personId,
    String credentialId,
    String publicKey,
    long signCount,
    CredentialState state,
    String rpId,
    String origin,
    Instant registeredAt,
    String approvedBy,
    Instant approvedAt,
    String revokedBy,
    Instant revokedAt) {
  public PersonCredential {
    Objects.requireNonNull(personId, "personId");
    Objects.requireNonNull(credentialId, "credentialId");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(rpId, "rpId");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(registeredAt, "registeredAt");
    if (signCount < 0) {
      throw new IllegalArgumentException("a sign counter is never negative, was " + signCount);
    }
  }

  /** A credential just registered by its person, waiting for a lead. */
  public static PersonCredential pending(
      String personId,
      String credentialId,
      String publicKey,
      long signCount,
      String rpId,
      String origin,
      Instant at) {
    return new PersonCredential(
        personId,
        credentialId,
        publicKey,
        signCount,
        CredentialState.PENDING,
        rpId,
        origin,
        at,
        null,
        null,
        null,
        null);
  }

  /** What a ceremony may hold of it to verify assertions. */
  public AcceptedCredential accepted() {
    return new AcceptedCredential(personId, credentialId, publicKey, signCount, rpId, origin);
  }
}
