package io.keyward.api.rotation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.rotation.RotationDecision;
import io.keyward.workflows.rotation.RotationDecisionType;

/**
 * The JSON body of a rotation decision. It names what is decided and why, never who: the decider is
 * the authenticated person, and an {@code actor} a client sends is ignored.
 */
@JsonIgnoreProperties({"actor"})
public record RotationDecisionBody(RotationDecisionType decision, String reason) {
  RotationDecision toDecision(Actor actor) {
    return new RotationDecision(actor, decision, reason);
  }
}
