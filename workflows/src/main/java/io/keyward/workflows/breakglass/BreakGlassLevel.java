package io.keyward.workflows.breakglass;

import static io.keyward.workflows.common.Role.APPLICATION_OWNER;
import static io.keyward.workflows.common.Role.CEO;
import static io.keyward.workflows.common.Role.CISO;
import static io.keyward.workflows.common.Role.CTO;
import static io.keyward.workflows.common.Role.SECURITY_TEAM_LEAD;

import io.keyward.workflows.common.Role;
import java.util.List;

/**
 * The authorisation levels of runbook 8.3. Each level lists the approvals it needs, one per role,
 * each given by a different person; the declarer and the break-glass admin never approve.
 */
public enum BreakGlassLevel {
  /** Level 1: Security Team Lead + Application Owner. */
  L1(List.of(SECURITY_TEAM_LEAD, APPLICATION_OWNER), "Security Team Lead + Application Owner"),
  /** Level 2: CISO + CTO, when an ULTRA key is in scope. */
  L2(List.of(CISO, CTO), "CISO + CTO (an ULTRA key is in scope)"),
  /** Level 3: CEO approval, when a root CA key is in scope. */
  L3(List.of(CEO), "CEO (a root CA key is in scope)");

  private final List<Role> approvals;
  private final String runbookText;

  BreakGlassLevel(List<Role> approvals, String runbookText) {
    this.approvals = approvals;
    this.runbookText = runbookText;
  }

  /** The roles whose approval the level needs, one person for each. */
  public List<Role> approvals() {
    return approvals;
  }

  /** The level as runbook 8.3 words it. */
  public String runbookText() {
    return runbookText;
  }
}
