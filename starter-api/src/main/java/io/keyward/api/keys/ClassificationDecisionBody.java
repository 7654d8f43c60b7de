package io.keyward.api.keys;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.classification.ClassificationDecision;
import io.keyward.workflows.classification.ClassificationDecisionType;
import io.keyward.workflows.common.Actor;

/** The JSON body of a decision on a classification change; the decider is the signed-in person. */
@JsonIgnoreProperties({"actor"})
public record ClassificationDecisionBody(ClassificationDecisionType decision, String reason) {
  ClassificationDecision toDecision(Actor actor) {
    if (decision == null) {
      throw new IllegalArgumentException("decision is required: APPROVE or DENY");
    }
    return new ClassificationDecision(actor, decision, reason);
  }
}
