package io.keyward.ui.incidents;

import io.keyward.ui.pages.Area;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.compromise.CompromiseState;

/**
 * Who may open an incident's page: the incident roles (security, crypto officers and custodians,
 * the executives it escalates to, auditors) and whoever reported it. Everyone else gets 403.
 */
public final class IncidentAccess {
  private IncidentAccess() {}

  public static boolean maySee(Actor who, CompromiseState state) {
    return Area.INCIDENTS.openTo(who.roles()) || who.id().equals(state.report().reporter().id());
  }
}
