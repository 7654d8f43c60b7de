package io.keyward.api.access;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.lifecycle.LifecycleState;

/**
 * Who may read a key's lifecycle: the people who run key management (as for the key list), whoever
 * enrolled the key, and whoever holds a role its approval gate waits for. Everyone else gets 403,
 * on the API and on the key's page alike.
 */
public final class LifecycleAccess {
  private LifecycleAccess() {}

  public static boolean maySee(Actor who, LifecycleState state) {
    return KeyListAccess.seesAll(who)
        || who.id().equals(state.enrolledBy())
        || who.holdsAny(state.awaitingRoles());
  }
}
