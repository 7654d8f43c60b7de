package io.keyward.api.access;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.compromise.CompromiseState;

/**
 * Who may open an incident's page: the incident roles (security, crypto officers and custodians,
 * the executives it escalates to, auditors) and whoever reported it. Everyone else gets 403.
 */
public final class IncidentAccess {
  private IncidentAccess() {}

  public static boolean maySee(Actor who, CompromiseState state) {
    return who.holdsAny(AccessRoles.INCIDENT_RESPONDERS)
        || who.id().equals(state.report().reporter().id());
  }
}
