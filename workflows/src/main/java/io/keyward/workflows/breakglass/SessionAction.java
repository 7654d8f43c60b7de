package io.keyward.workflows.breakglass;

import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;

/**
 * Something the break-glass admin did with the access, reported through the API while the grant is
 * live (runbook 8.3 "all actions logged"). {@code key} is the key acted on, if any; it must lie in
 * the session's scope. Describes the action, never carries key material.
 */
public record SessionAction(Actor actor, KeyRef key, String action, String detail)
    implements PersonCarrying {
  public static final int MAX_ACTION = 200;
  public static final int MAX_DETAIL = 2000;

  /** The key an action names as people write it ({@code vault/name}); null when it names none. */
  public static KeyRef keyOf(String text) {
    return text == null || text.isBlank() ? null : KeyRef.parse(text.strip());
  }
}
