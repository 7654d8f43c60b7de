package io.keyward.api.breakglass;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.api.incident.FreeText;
import io.keyward.workflows.breakglass.SessionAction;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;

/**
 * An action taken with break-glass access: what was done ({@code action}), on which key if any
 * ({@code vault/name}), and details. Describe the action; never paste key material or secrets.
 */
@JsonIgnoreProperties({"actor"})
public record ActionBody(String key, String action, String detail) {
  SessionAction toAction(Actor actor) {
    if (action == null || action.isBlank()) {
      throw new IllegalArgumentException("action is required: what was done with the access");
    }
    return new SessionAction(
        actor,
        key == null || key.isBlank() ? null : KeyRef.parse(key.strip()),
        FreeText.required("action", action, SessionAction.MAX_ACTION),
        FreeText.optional("detail", detail, SessionAction.MAX_DETAIL));
  }
}
