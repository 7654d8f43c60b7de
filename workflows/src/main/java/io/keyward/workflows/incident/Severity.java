package io.keyward.workflows.incident;

/**
 * Incident severities of the escalation matrix (runbook 17.2). How long an incident may stay
 * unacknowledged and who hears about it then is {@link EscalationMatrix}'s business.
 */
public enum Severity {
  /** Critical: a compromised production key, a service down. */
  P1,
  /** High. */
  P2,
  /** Medium. */
  P3,
  /** Low. */
  P4
}
