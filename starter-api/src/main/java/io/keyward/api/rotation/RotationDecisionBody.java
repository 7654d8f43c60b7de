package io.keyward.api.rotation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.rotation.RotationDecision;
import io.keyward.workflows.rotation.RotationDecisionType;
import io.keyward.workflows.webauthn.DecisionAssertion;

/**
 * The JSON body of a rotation decision. It names what is decided and why, never who: the decider is
 * the authenticated person, and an {@code actor} a client sends is ignored. A decision on the
 * rotation of an ULTRA key needs {@code assertion}: the decider's own security key signing this
 * decision (the rotation's page in the approval UI makes one; {@code POST .../decision-challenge}
 * gives the challenge to a client with its own authenticator).
 */
@JsonIgnoreProperties({"actor"})
public record RotationDecisionBody(
    RotationDecisionType decision, String reason, DecisionAssertion assertion) {

  /** A decision no security key signed. */
  public RotationDecisionBody(RotationDecisionType decision, String reason) {
    this(decision, reason, null);
  }

  RotationDecision toDecision(Actor actor) {
    return new RotationDecision(actor, decision, reason, assertion);
  }
}
