package io.keyward.workflows.lifecycle;

/** What an approver does at a lifecycle's approval gate. */
public enum GateDecisionType {
  /** The automatic rotation may go ahead. */
  APPROVE,
  /** No automatic rotation this cycle: a manual rotation must replace the version. */
  DENY
}
