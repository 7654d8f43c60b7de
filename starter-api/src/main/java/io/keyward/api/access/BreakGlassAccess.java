package io.keyward.api.access;

import io.keyward.workflows.breakglass.Approval;
import io.keyward.workflows.breakglass.BreakGlassState;
import io.keyward.workflows.common.Actor;

/**
 * Who may open a break-glass session's page: the roles of the break-glass console (security, the
 * executives who authorise, auditors), and whoever has a part in the session (its declarer, its
 * admin, its approvers). Everyone else gets 403.
 */
public final class BreakGlassAccess {
  private BreakGlassAccess() {}

  public static boolean maySee(Actor who, BreakGlassState state) {
    if (who.holdsAny(AccessRoles.BREAK_GLASS_CONSOLE)
        || who.id().equals(state.declaration().declarer().id())
        || who.id().equals(state.declaration().admin().id())) {
      return true;
    }
    for (Approval approval : state.approvals()) {
      if (who.id().equals(approval.approver())) {
        return true;
      }
    }
    return false;
  }
}
