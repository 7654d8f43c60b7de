package io.keyward.api.generation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.generation.Decision;
import io.keyward.workflows.generation.DecisionType;
import io.keyward.workflows.webauthn.DecisionAssertion;

/**
 * The JSON body of a decision. It names what is decided and why, never who: the decider is the
 * authenticated person, and an {@code actor} a client sends is ignored. {@link
 * GenerationCeremonies#decide} checks the decision as it checks one from any other surface. An
 * ULTRA decision needs {@code assertion}: the decider's own security key signing this decision,
 * which only a browser with the key can make (the approval UI); the workflow verifies it.
 */
@JsonIgnoreProperties({"actor", "requester"})
public record DecisionBody(DecisionType decision, String reason, DecisionAssertion assertion) {
  Decision toDecision(Actor actor) {
    return new Decision(actor, decision, reason, assertion);
  }
}
