package io.keyward.api.webauthn;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.credential.EnrolmentDecision;
import io.keyward.workflows.credential.EnrolmentDecisionType;
import io.keyward.workflows.webauthn.DecisionAssertion;

/**
 * A lead's decision on a security key waiting for enrolment; the lead is the principal. An approval
 * needs {@code assertion}: the lead's own enrolled security key signing it (the security keys page
 * in the approval UI makes one); the enrolment ceremony verifies it.
 */
@JsonIgnoreProperties({"actor"})
public record EnrolmentDecisionBody(
    EnrolmentDecisionType decision, String reason, DecisionAssertion assertion) {
  EnrolmentDecision toDecision(Actor actor) {
    if (decision == null) {
      throw new IllegalArgumentException("decision is required: APPROVE or REFUSE");
    }
    return new EnrolmentDecision(actor, decision, reason, assertion);
  }
}
