package io.keyward.workflows.classification;

import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.webauthn.DecisionAssertion;

/**
 * An approver's decision on a classification change; {@code actor} is the authenticated person.
 * When the change is decided by the ULTRA quorum (the key's old or new classification is ULTRA, or
 * the register does not hold it), {@code assertion} is the approver's own security key signing this
 * decision (see {@link io.keyward.workflows.webauthn.SignedDecisions}); null otherwise, and in
 * histories from before it existed.
 */
public record ClassificationDecision(
    Actor actor, ClassificationDecisionType type, String reason, DecisionAssertion assertion)
    implements PersonCarrying {

  /** A decision no security key signed. */
  public ClassificationDecision(Actor actor, ClassificationDecisionType type, String reason) {
    this(actor, type, reason, null);
  }
}
