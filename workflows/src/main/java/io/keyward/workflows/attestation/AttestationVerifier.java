package io.keyward.workflows.attestation;

import io.keyward.workflows.common.Actor;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether an input may act for the person it names: it must carry an attestation signed by
 * a trusted key, for this workflow run and this Update (or this start), over exactly these
 * arguments and this person with these roles, not expired, and not used before in this run.
 * Deterministic and without I/O, so it runs in Update validators and workflow code; the answer is a
 * refusal in words, or empty.
 */
public final class AttestationVerifier {
  /** How far the API's clock may run ahead of the workflow's. */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  static final String ALGORITHM = "SHA256withECDSAinP1363Format";

  private final TrustedKeys trusted;

  public AttestationVerifier(TrustedKeys trusted) {
    this.trusted = trusted;
  }

  /**
   * Why {@code attestation} does not let {@code arguments} act at {@code target}, or empty when it
   * does.
   *
   * @param attestation what the input's header carried; empty when it carried none
   * @param nowMillis workflow time
   * @param usedNonces the nonces of the attestations this run already accepted
   */
  public Optional<String> refusal(
      Optional<Attestation> attestation,
      SignedTarget target,
      Object[] arguments,
      long nowMillis,
      Set<String> usedNonces) {
    if (attestation.isEmpty()) {
      return Optional.of(
          "refused: "
              + target.describe()
              + " is not signed by Keyward's API; people act only through the API, which signs"
              + " what the person it authenticated sends");
    }
    AttestationClaims claims = attestation.get().claims();
    Optional<TrustedKey> key = trusted.forId(claims.keyId());
    if (key.isEmpty()) {
      return Optional.of(
          "refused: signed by key "
              + claims.keyId()
              + ", which this worker does not trust (trusted: "
              + String.join(", ", trusted.ids())
              + ")");
    }
    if (!key.get().trustedAt(nowMillis)) {
      return Optional.of(
          "refused: signed by key "
              + claims.keyId()
              + ", which was trusted only until "
              + key.get().notAfter()
              + " (rotated out)");
    }
    if (!signatureHolds(key.get(), attestation.get())) {
      return Optional.of(
          "refused: the signature does not match its claims: the person, the roles or the target"
              + " were changed after the API signed");
    }
    if (!target.matches(claims)) {
      return Optional.of(
          "refused: signed for "
              + SignedTarget.describe(claims)
              + ", not for "
              + target.describe());
    }
    Optional<Actor> actor = PersonCarrying.actorIn(arguments);
    if (actor.isEmpty()
        || !actor.get().id().equals(claims.actorId())
        || !AttestationClaims.rolesOf(actor.get()).equals(claims.roles())) {
      return Optional.of(
          "refused: signed for "
              + claims.actorId()
              + " with roles "
              + claims.roles()
              + ", but it names "
              + actor
                  .map(a -> a.id() + " with roles " + AttestationClaims.rolesOf(a))
                  .orElse("nobody"));
    }
    if (!CanonicalJson.digest(arguments).equals(claims.argumentsSha256())) {
      return Optional.of("refused: the input was changed after the API signed it");
    }
    if (nowMillis > claims.expiresAt()) {
      return Optional.of(
          "refused: the signature expired at "
              + Instant.ofEpochMilli(claims.expiresAt())
              + "; send it again through the API");
    }
    if (claims.issuedAt() > nowMillis + CLOCK_SKEW.toMillis()) {
      return Optional.of(
          "refused: the signature was issued at "
              + Instant.ofEpochMilli(claims.issuedAt())
              + ", in the future of this workflow");
    }
    if (usedNonces.contains(claims.nonce())) {
      return Optional.of(
          "refused: this signed input was already used in this run (nonce "
              + claims.nonce()
              + "); a signature acts once");
    }
    return Optional.empty();
  }

  private static boolean signatureHolds(TrustedKey key, Attestation attestation) {
    try {
      byte[] signature = attestation.signatureBytes();
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(key.publicKey());
      verifier.update(attestation.claims().canonicalBytes());
      return verifier.verify(signature);
    } catch (IllegalArgumentException | GeneralSecurityException malformed) {
      return false;
    }
  }
}
