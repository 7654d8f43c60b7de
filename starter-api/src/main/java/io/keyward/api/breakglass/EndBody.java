package io.keyward.api.breakglass;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.api.incident.FreeText;
import io.keyward.workflows.breakglass.EndRequest;
import io.keyward.workflows.common.Actor;

/** Ends an active session early, with an optional reason. */
@JsonIgnoreProperties({"actor"})
public record EndBody(String reason) {
  static final int MAX_REASON = 2000;

  EndRequest toRequest(Actor actor) {
    return new EndRequest(actor, FreeText.optional("reason", reason, MAX_REASON));
  }
}
