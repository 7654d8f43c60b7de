package io.keyward.api.access;

import io.keyward.workflows.classification.ClassificationChangeState;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.TimelineEntry;

/**
 * Who may read a classification change: key management (as for the key list), its requester,
 * whoever took part, whoever holds a role its quorum draws on, and the key's owner. Everyone else
 * gets 403.
 */
public final class ClassificationAccess {
  private ClassificationAccess() {}

  public static boolean maySee(Actor who, ClassificationChangeState state) {
    if (KeyListAccess.seesAll(who) || who.id().equals(state.request().requester().id())) {
      return true;
    }
    for (TimelineEntry entry : state.timeline()) {
      if (who.id().equals(entry.actor())) {
        return true;
      }
    }
    if (state.before() != null && state.before().owner().person().equals(who.id())) {
      return true;
    }
    return state.policy() != null && who.holdsAny(state.policy().approverRoles());
  }
}
