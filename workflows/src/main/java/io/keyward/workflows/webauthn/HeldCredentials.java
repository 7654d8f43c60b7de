package io.keyward.workflows.webauthn;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ACTIVE credentials a ceremony holds to verify the assertions of its signed decisions, with
 * the highest counter seen of each and the nonces already used. Plain code: the workflow loads them
 * through an activity (so they are in its history) and asks {@link #refusalFor} in its validator.
 */
public final class HeldCredentials {
  /** Where a person without a usable assertion is sent. */
  public static final String WHERE_TO_DECIDE =
      "decide on the request's page in the approval UI with your security key";

  private final Map<String, AcceptedCredential> byId = new LinkedHashMap<>();
  private final Set<String> usedNonces = new HashSet<>();
  private boolean loaded;

  /**
   * Replaces the held credentials with {@code active}, keeping for each the higher of the counter
   * read and the counter this ceremony saw: a store that has not caught up never lowers one.
   */
  public void replaceWith(List<AcceptedCredential> active) {
    Map<String, AcceptedCredential> fresh = new LinkedHashMap<>();
    for (AcceptedCredential credential : active) {
      AcceptedCredential held = byId.get(credential.credentialId());
      long seen = held == null ? 0 : held.signCount();
      fresh.put(
          credential.credentialId(),
          credential.signCount() >= seen ? credential : credential.withSignCount(seen));
    }
    byId.clear();
    byId.putAll(fresh);
    loaded = true;
  }

  /** True once the credentials were loaded at least once. */
  public boolean loaded() {
    return loaded;
  }

  /** Stops accepting one credential at once (it was revoked). */
  public void drop(String credentialId) {
    byId.remove(credentialId);
  }

  public Optional<AcceptedCredential> find(String credentialId) {
    return Optional.ofNullable(byId.get(credentialId));
  }

  /**
   * Why {@code assertion} cannot sign {@code actorId}'s decision over {@code challenge}; empty when
   * it can. Checks, in order: an assertion at all, a nonce not used before in this run, a
   * credential this ceremony accepts, that it is the actor's own, then everything {@link
   * AssertionVerifier} checks. {@code what} names the decision ("an ULTRA decision") and {@code
   * page} the page where it is taken with a security key, for the refusal of a decision without
   * one.
   */
  public Optional<String> refusalFor(
      String actorId, DecisionAssertion assertion, String challenge, String what, String page) {
    if (assertion == null) {
      return Optional.of(
          what
              + " must be signed by the decider's own security key: "
              + WHERE_TO_DECIDE
              + ", "
              + page);
    }
    if (assertion.nonce() == null || assertion.nonce().isBlank()) {
      return Optional.of("the assertion names no nonce: " + WHERE_TO_DECIDE + ", " + page);
    }
    if (usedNonces.contains(assertion.nonce())) {
      return Optional.of(
          "this assertion was already used in this ceremony: sign the decision again");
    }
    AcceptedCredential credential = byId.get(assertion.credentialId());
    if (credential == null) {
      return Optional.of(
          "security key "
              + shortId(assertion.credentialId())
              + " is not an enrolled, approved and unrevoked credential: enrol it and have a"
              + " security team lead approve it, then "
              + WHERE_TO_DECIDE);
    }
    if (!credential.personId().equals(actorId)) {
      return Optional.of(
          "security key " + shortId(assertion.credentialId()) + " is not " + actorId + "'s own");
    }
    AssertionVerifier.Verified verified =
        AssertionVerifier.verify(assertion, challenge, credential, true);
    return Optional.ofNullable(verified.refusal());
  }

  /**
   * In the Update handler, after the credentials were read again: why the assertion the validator
   * verified may no longer be used (its credential was revoked meanwhile, or another decision used
   * its nonce or a counter as high). Needs no challenge, so it holds on replay too.
   */
  public Optional<String> stillUsable(String actorId, DecisionAssertion assertion) {
    AcceptedCredential credential = byId.get(assertion.credentialId());
    if (credential == null || !credential.personId().equals(actorId)) {
      return Optional.of(
          "security key "
              + shortId(assertion.credentialId())
              + " is not an enrolled, approved and unrevoked credential (it was revoked): "
              + WHERE_TO_DECIDE);
    }
    if (usedNonces.contains(assertion.nonce())) {
      return Optional.of(
          "this assertion was already used in this ceremony: sign the decision again");
    }
    long count = AssertionVerifier.signCountOf(assertion);
    if (count <= credential.signCount()) {
      return Optional.of(
          "the security key's signature counter did not increase ("
              + count
              + " after "
              + credential.signCount()
              + "): the key may be cloned; it was refused and should be revoked");
    }
    return Optional.empty();
  }

  /**
   * Records an accepted assertion: its nonce is used, its counter is the highest seen. Call only
   * after {@link #stillUsable} returned empty.
   */
  public long accept(DecisionAssertion assertion) {
    AcceptedCredential credential = byId.get(assertion.credentialId());
    long count = AssertionVerifier.signCountOf(assertion);
    usedNonces.add(assertion.nonce());
    byId.put(credential.credentialId(), credential.withSignCount(count));
    return count;
  }

  /** The first characters of a credential id, for messages. */
  public static String shortId(String credentialId) {
    if (credentialId == null) {
      return "(none)";
    }
    return credentialId.length() <= 12 ? credentialId : credentialId.substring(0, 12) + "…";
  }
}
