package io.keyward.api.keys;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.lifecycle.GateDecision;
import io.keyward.workflows.lifecycle.GateDecisionType;

/** The JSON body of a decision at a lifecycle's approval gate; the decider is the principal. */
@JsonIgnoreProperties({"actor"})
public record GateDecisionBody(GateDecisionType decision, String reason) {
  GateDecision toDecision(Actor actor) {
    return new GateDecision(actor, decision, reason);
  }
}
