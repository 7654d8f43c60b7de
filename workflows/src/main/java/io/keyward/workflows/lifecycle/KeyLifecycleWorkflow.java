package io.keyward.workflows.lifecycle;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The policy-driven life of one key (runbook 6.1, 6.2): sleeps until the next lifetime action of
 * its current version (rotate 30 days before expiry, notify 7 days before), acts as the rotation
 * mode of its usage and classification allows (automatically, after an approval gate, or by
 * reminding people of a manual rotation), retires the replaced version at its expiry and continues
 * as new for the next cycle, so that its history stays small for years.
 */
@WorkflowInterface
public interface KeyLifecycleWorkflow {
  /** Runs one cycle and continues as new; ends only when the key has no enabled version. */
  @WorkflowMethod(name = "KeyLifecycle")
  LifecycleState run(LifecycleInput input);

  /** Approves or denies the rotation waiting at the approval gate. */
  @UpdateMethod
  LifecycleState decide(GateDecision decision);

  @UpdateValidatorMethod(updateName = "decide")
  void validateDecide(GateDecision decision);

  @QueryMethod
  LifecycleState state();
}
