package io.keyward.workflows.compromise;

import io.keyward.workflows.common.Role;
import io.keyward.workflows.incident.Severity;
import java.time.Instant;
import java.util.Set;

/**
 * Where the incident stands on the escalation matrix (runbook 17.2): who responds first, by when
 * someone must acknowledge, and whether it was escalated or acknowledged.
 */
public record EscalationStatus(
    Severity severity,
    String initialResponse,
    Instant deadline,
    String escalationTarget,
    Set<Role> escalationRoles,
    Instant escalatedAt,
    String acknowledgedBy,
    Instant acknowledgedAt) {
  public EscalationStatus {
    escalationRoles = escalationRoles == null ? Set.of() : Set.copyOf(escalationRoles);
  }
}
