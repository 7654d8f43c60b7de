package io.keyward.workflows.notify;

/** Audiences of notifications; configuration maps each to a channel. */
public enum NotificationTopic {
  /** Key compromise alerts (runbook 11: #security-incidents). */
  SECURITY_INCIDENTS,
  /** Break-glass declared, authorised, revoked (runbook 8.3). */
  BREAK_GLASS,
  /** Decisions waiting on people, and escalations of them. */
  APPROVALS,
  /** Rotation notices to stakeholders and rotation failures (runbook 6). */
  ROTATIONS
}
