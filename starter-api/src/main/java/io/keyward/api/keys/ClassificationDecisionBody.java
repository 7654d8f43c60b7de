package io.keyward.api.keys;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.classification.ClassificationDecision;
import io.keyward.workflows.classification.ClassificationDecisionType;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.webauthn.DecisionAssertion;

/**
 * The JSON body of a decision on a classification change; the decider is the signed-in person. A
 * change the ULTRA quorum decides needs {@code assertion}: the approver's own security key signing
 * this decision, which only a browser with the key makes (the change's page in the approval UI).
 */
@JsonIgnoreProperties({"actor"})
public record ClassificationDecisionBody(
    ClassificationDecisionType decision, String reason, DecisionAssertion assertion) {

  /** A decision no security key signed. */
  public ClassificationDecisionBody(ClassificationDecisionType decision, String reason) {
    this(decision, reason, null);
  }

  ClassificationDecision toDecision(Actor actor) {
    if (decision == null) {
      throw new IllegalArgumentException("decision is required: APPROVE or DENY");
    }
    return new ClassificationDecision(actor, decision, reason, assertion);
  }
}
