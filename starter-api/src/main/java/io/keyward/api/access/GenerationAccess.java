package io.keyward.api.access;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TimelineEntry;
import io.keyward.workflows.common.WaitingStep;
import io.keyward.workflows.generation.GenerationPhase;
import io.keyward.workflows.generation.GenerationState;
import io.keyward.workflows.policy.CeremonyRoles;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who may open a generation request's page: its requester, anyone who took part, anyone holding a
 * role that can act at one of its steps (the classification's approvers, key custodians, the
 * security validators) and security auditors, who read everything (runbook 4.2). Everyone else gets
 * 403, so a request's justification is not shown to people with no part in it.
 */
public final class GenerationAccess {
  private GenerationAccess() {}

  public static boolean maySee(Actor who, GenerationState state) {
    if (who.id().equals(state.request().requester().id())) {
      return true;
    }
    for (TimelineEntry entry : state.timeline()) {
      if (who.id().equals(entry.actor())) {
        return true;
      }
    }
    Set<Role> involved = EnumSet.of(Role.SECURITY_AUDITOR);
    involved.addAll(state.policy().approverRoles());
    involved.addAll(CeremonyRoles.CUSTODIANS);
    involved.addAll(CeremonyRoles.SECURITY_VALIDATORS);
    return who.holdsAny(involved);
  }

  /** Whether {@code who} holds a role that the open step waits for. */
  public static boolean mayActNow(Actor who, GenerationState state) {
    return mayActNow(who, state.phase(), state.awaitingRoles());
  }

  /** The same from the phase and the roles awaited, as the run publishes them. */
  public static boolean mayActNow(Actor who, GenerationPhase phase, Set<Role> awaitingRoles) {
    return !phase.isFinal() && who.holdsAny(awaitingRoles);
  }

  /**
   * Whether the open step waits on {@code who}: they may act now and have not taken part yet (the
   * ceremony refuses a second approval, an approver as custodian, custodian 1 as custodian 2 and
   * anyone who took part as security validator). The requester is still shown the step, marked as
   * their own request.
   */
  public static boolean waitsOn(
      Actor who, GenerationPhase phase, Set<Role> awaitingRoles, WaitingStep step) {
    return mayActNow(who, phase, awaitingRoles) && !step.participants().contains(who.id());
  }
}
