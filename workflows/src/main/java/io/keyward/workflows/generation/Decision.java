package io.keyward.workflows.generation;

import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.webauthn.DecisionAssertion;

/**
 * A person's decision at the open step. {@code actor} comes from the authenticated principal. On an
 * ULTRA request, {@code assertion} is the decider's own authenticator signing this decision (see
 * {@link io.keyward.workflows.webauthn.SignedDecisions}); null elsewhere, and in histories from
 * before it existed.
 */
public record Decision(Actor actor, DecisionType type, String reason, DecisionAssertion assertion)
    implements PersonCarrying {

  /** A decision no authenticator signed. */
  public Decision(Actor actor, DecisionType type, String reason) {
    this(actor, type, reason, null);
  }
}
