package io.keyward.workflows.classification;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Dual control over a key's policy facts: setting or changing its classification and usage (and
 * owner) in the key register needs the quorum of the higher of its old and new classification
 * (runbook 2.2); the requester never approves.
 */
@WorkflowInterface
public interface ClassificationChangeWorkflow {
  @WorkflowMethod(name = "ClassificationChange")
  ClassificationChangeOutcome run(ClassificationChangeRequest request);

  /** An approver's decision; returns the state right after it was recorded. */
  @UpdateMethod
  ClassificationChangeState decide(ClassificationDecision decision);

  /** Refuses a decision the change cannot take, before anything reaches history. */
  @UpdateValidatorMethod(updateName = "decide")
  void validateDecide(ClassificationDecision decision);

  @QueryMethod
  ClassificationChangeState state();
}
