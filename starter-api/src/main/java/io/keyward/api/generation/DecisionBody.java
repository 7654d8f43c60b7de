package io.keyward.api.generation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.generation.Decision;
import io.keyward.workflows.generation.DecisionType;

/**
 * The JSON body of a decision. It names what is decided and why, never who: the decider is the
 * authenticated person, and an {@code actor} a client sends is ignored. {@link
 * GenerationCeremonies#decide} checks the decision as it checks one from any other surface.
 */
@JsonIgnoreProperties({"actor", "requester"})
public record DecisionBody(DecisionType decision, String reason) {
  Decision toDecision(Actor actor) {
    return new Decision(actor, decision, reason);
  }
}
