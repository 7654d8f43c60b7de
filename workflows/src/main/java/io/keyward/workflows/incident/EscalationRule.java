package io.keyward.workflows.incident;

import io.keyward.workflows.common.Role;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * One row of the escalation matrix (runbook 17.2): who responds first, how long they have to
 * acknowledge, and whom the incident goes to when nobody did.
 *
 * @param initialResponse the runbook's name for the first responders, e.g. "Security Operations"
 * @param initialResponders the roles that respond first and may acknowledge
 * @param escalateAfter how long after the incident was reported the escalation fires unacknowledged
 * @param escalationTarget the runbook's name for the escalation target, e.g. "CISO + CTO"
 * @param escalationRoles the roles notified when the escalation fires; they may acknowledge too
 */
public record EscalationRule(
    Severity severity,
    String initialResponse,
    Set<Role> initialResponders,
    Duration escalateAfter,
    String escalationTarget,
    Set<Role> escalationRoles) {
  public EscalationRule {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(escalateAfter, "escalateAfter");
    if (escalateAfter.isNegative() || escalateAfter.isZero()) {
      throw new IllegalArgumentException("escalateAfter must be positive");
    }
    initialResponders = Set.copyOf(initialResponders);
    escalationRoles = Set.copyOf(escalationRoles);
  }
}
