package io.keyward.api.breakglass;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.breakglass.Authorisation;
import io.keyward.workflows.breakglass.AuthorisationDecision;
import io.keyward.workflows.common.Actor;

/** {@code APPROVE} or {@code DENY} with a reason; the approver is the authenticated person. */
@JsonIgnoreProperties({"actor", "approver"})
public record AuthorisationBody(AuthorisationDecision decision, String reason) {
  Authorisation toAuthorisation(Actor actor) {
    return new Authorisation(actor, decision, reason);
  }
}
