package io.keyward.workflows.breakglass;

import static io.keyward.workflows.common.Role.APPLICATION_OWNER;
import static io.keyward.workflows.common.Role.BREAK_GLASS_ADMIN;
import static io.keyward.workflows.common.Role.CISO;
import static io.keyward.workflows.common.Role.CTO;
import static io.keyward.workflows.common.Role.SECURITY_AUDITOR;
import static io.keyward.workflows.common.Role.SECURITY_ENGINEER;
import static io.keyward.workflows.common.Role.SECURITY_OPERATIONS;
import static io.keyward.workflows.common.Role.SECURITY_TEAM_LEAD;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Who may take which part in a break-glass session (runbook 8.3 with 4.2). */
public final class BreakGlassRoles {
  /** Who may declare an emergency: security responders, application owners, CISO and CTO. */
  public static final Set<Role> DECLARERS =
      Set.of(
          SECURITY_OPERATIONS, SECURITY_ENGINEER, SECURITY_TEAM_LEAD, APPLICATION_OWNER, CISO, CTO);

  /** Who may receive break-glass access (runbook 4.2 "Break Glass Admin"). */
  public static final Set<Role> ADMINS = Set.of(BREAK_GLASS_ADMIN);

  /** Who may end an active session early, besides its admin, declarer and approvers. */
  public static final Set<Role> ENDERS = Set.of(SECURITY_OPERATIONS, SECURITY_TEAM_LEAD, CISO);

  /** Who may complete the post-incident review. */
  public static final Set<Role> REVIEWERS = Set.of(SECURITY_TEAM_LEAD, CISO, SECURITY_AUDITOR);

  /** Who hears about a review not done within a day. */
  public static final Set<Role> REVIEW_ESCALATION = Set.of(CISO);

  private BreakGlassRoles() {}

  /** Why the declaration may not start a session, in words for the declarer; empty if it may. */
  public static Optional<String> refusalFor(BreakGlassDeclaration declaration) {
    Actor declarer = declaration.declarer();
    Actor admin = declaration.admin();
    if (!declarer.holdsAny(DECLARERS)) {
      return Optional.of(
          declarer.id()
              + " may not declare a break-glass emergency: declarers hold one of "
              + new TreeSet<>(DECLARERS));
    }
    if (!admin.holdsAny(ADMINS)) {
      return Optional.of(
          admin.id()
              + " is not a break-glass admin: access goes only to a holder of "
              + new TreeSet<>(ADMINS)
              + " (runbook 4.2)");
    }
    if (admin.id().equals(declarer.id())) {
      return Optional.of(
          declarer.id() + " cannot declare a break-glass session that grants themselves access");
    }
    return Optional.empty();
  }
}
