package io.keyward.api.webauthn;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.credential.EnrolmentDecision;
import io.keyward.workflows.credential.EnrolmentDecisionType;

/** A lead's decision on a security key waiting for enrolment; the lead is the principal. */
@JsonIgnoreProperties({"actor"})
public record EnrolmentDecisionBody(EnrolmentDecisionType decision, String reason) {
  EnrolmentDecision toDecision(Actor actor) {
    if (decision == null) {
      throw new IllegalArgumentException("decision is required: APPROVE or REFUSE");
    }
    return new EnrolmentDecision(actor, decision, reason);
  }
}
