package io.keyward.workflows.breakglass;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import java.util.Set;

/** The people of the break-glass tests beyond the demo directory's. */
final class BreakGlassCast {
  static final Actor SOL = new Actor("sol", Set.of(Role.SECURITY_OPERATIONS));
  static final Actor BRUNO = new Actor("bruno", Set.of(Role.BREAK_GLASS_ADMIN));
  static final Actor AUDREY = new Actor("audrey", Set.of(Role.SECURITY_AUDITOR));

  /** A second security team lead. */
  static final Actor LARS = new Actor("lars", Set.of(Role.SECURITY_TEAM_LEAD));

  /** Holds both level 1 roles; may fill only one of the two approvals. */
  static final Actor PAT =
      new Actor("pat", Set.of(Role.SECURITY_TEAM_LEAD, Role.APPLICATION_OWNER));

  /** A break-glass admin who is also a security team lead. */
  static final Actor BLAKE =
      new Actor("blake", Set.of(Role.BREAK_GLASS_ADMIN, Role.SECURITY_TEAM_LEAD));

  private BreakGlassCast() {}
}
