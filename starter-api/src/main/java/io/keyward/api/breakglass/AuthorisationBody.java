package io.keyward.api.breakglass;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.api.incident.FreeText;
import io.keyward.workflows.breakglass.Authorisation;
import io.keyward.workflows.breakglass.AuthorisationDecision;
import io.keyward.workflows.common.Actor;
import java.util.Arrays;

/** {@code APPROVE} or {@code DENY} with a reason; the approver is the authenticated person. */
@JsonIgnoreProperties({"actor", "approver"})
public record AuthorisationBody(AuthorisationDecision decision, String reason) {
  static final int MAX_REASON = 2000;

  Authorisation toAuthorisation(Actor actor) {
    if (decision == null) {
      throw new IllegalArgumentException(
          "decision is required: one of " + Arrays.toString(AuthorisationDecision.values()));
    }
    return new Authorisation(actor, decision, FreeText.optional("reason", reason, MAX_REASON));
  }
}
