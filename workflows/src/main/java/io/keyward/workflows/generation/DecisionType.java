package io.keyward.workflows.generation;

/** What a person does at a step of the generation ceremony. */
public enum DecisionType {
  /** An approver agrees (runbook 3.3 step 2). */
  APPROVE,
  /** An approver refuses; the request ends DENIED. */
  DENY,
  /** Custodian 1 generates the key with the approved parameters (step 3). */
  GENERATE,
  /** Custodian 2 confirms the attributes and activates the key (step 4). */
  VERIFY,
  /**
   * Custodian 2 finds the attributes wrong; the key stays disabled and the request ends REJECTED.
   */
  REJECT,
  /** Security validates compliance and registers the key (step 5). */
  REGISTER
}
