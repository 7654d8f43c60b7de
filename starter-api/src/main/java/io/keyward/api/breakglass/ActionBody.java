package io.keyward.api.breakglass;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.breakglass.SessionAction;
import io.keyward.workflows.common.Actor;

/**
 * An action taken with break-glass access: what was done ({@code action}), on which key if any
 * ({@code vault/name}), and details. Describe the action; never paste key material or secrets.
 */
@JsonIgnoreProperties({"actor"})
public record ActionBody(String key, String action, String detail) {
  SessionAction toAction(Actor actor) {
    return new SessionAction(actor, SessionAction.keyOf(key), action, detail);
  }
}
