package io.keyward.api.breakglass;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.breakglass.EndRequest;
import io.keyward.workflows.common.Actor;

/** Ends an active session early, with an optional reason. */
@JsonIgnoreProperties({"actor"})
public record EndBody(String reason) {
  static EndRequest toRequest(EndBody body, Actor actor) {
    return new EndRequest(actor, body == null ? null : body.reason());
  }
}
