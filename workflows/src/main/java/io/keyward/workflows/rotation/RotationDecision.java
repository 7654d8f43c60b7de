package io.keyward.workflows.rotation;

import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.webauthn.DecisionAssertion;

/**
 * A person's decision at the open step. {@code actor} comes from the authenticated principal. When
 * the key register holds the key as ULTRA (or does not hold it, so it counts as ULTRA), {@code
 * assertion} is the decider's own security key signing this decision (see {@link
 * RotationSignatures}); null otherwise, and in histories from before it existed.
 */
public record RotationDecision(
    Actor actor, RotationDecisionType type, String reason, DecisionAssertion assertion)
    implements PersonCarrying {

  /** A decision no security key signed. */
  public RotationDecision(Actor actor, RotationDecisionType type, String reason) {
    this(actor, type, reason, null);
  }
}
