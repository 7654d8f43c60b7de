package io.keyward.api.access;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.TimelineEntry;
import io.keyward.workflows.policy.ApprovalSlot;
import io.keyward.workflows.rotation.RotationState;

/**
 * Who may open a manual rotation's page: the people who run key management (as for the key list),
 * its requester, whoever took part, and whoever holds a role one of its approvals needs. Everyone
 * else gets 403.
 */
public final class RotationAccess {
  private RotationAccess() {}

  public static boolean maySee(Actor who, RotationState state) {
    if (KeyListAccess.seesAll(who) || who.id().equals(state.request().requester().id())) {
      return true;
    }
    for (TimelineEntry entry : state.timeline()) {
      if (who.id().equals(entry.actor())) {
        return true;
      }
    }
    if (state.rule() == null) {
      return false;
    }
    for (ApprovalSlot slot : state.rule().approvals()) {
      if (who.holdsAny(slot.roles())) {
        return true;
      }
    }
    return false;
  }
}
