package io.keyward.api.breakglass;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.breakglass.Authorisation;
import io.keyward.workflows.breakglass.AuthorisationDecision;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.webauthn.DecisionAssertion;

/**
 * {@code APPROVE} or {@code DENY} with a reason; the approver is the authenticated person. A level
 * 2 or 3 session needs {@code assertion}: the approver's own security key signing this decision,
 * which only a browser with the key makes (the session's page in the approval UI); the workflow
 * verifies it.
 */
@JsonIgnoreProperties({"actor", "approver"})
public record AuthorisationBody(
    AuthorisationDecision decision, String reason, DecisionAssertion assertion) {
  Authorisation toAuthorisation(Actor actor) {
    return new Authorisation(actor, decision, reason, assertion);
  }
}
