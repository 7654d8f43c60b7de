package io.keyward.workflows.breakglass;

import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.webauthn.DecisionAssertion;

/**
 * An approver's decision; {@code actor} comes from the authenticated principal. On a level 2 or 3
 * session, {@code assertion} is the approver's own security key signing this decision (see {@link
 * io.keyward.workflows.webauthn.SignedDecisions}); null on level 1, and in histories from before it
 * existed.
 */
public record Authorisation(
    Actor actor, AuthorisationDecision decision, String reason, DecisionAssertion assertion)
    implements PersonCarrying {

  /** A decision no security key signed. */
  public Authorisation(Actor actor, AuthorisationDecision decision, String reason) {
    this(actor, decision, reason, null);
  }
}
