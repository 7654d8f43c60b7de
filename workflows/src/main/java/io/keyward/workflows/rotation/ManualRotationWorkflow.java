package io.keyward.workflows.rotation;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Manual rotation of one high-value key (runbook 6.3): pre-rotation at T-30 (stakeholders notified,
 * dependency map validated, backup verified, security review), the rotation date T on a durable
 * timer, execution under dual control with the approvals the rotation matrix requires (runbook
 * 6.1), and post-rotation at T+7 (round trip with the new version, monitoring review, old version
 * deactivated). Reschedulable and cancellable until it executes.
 */
@WorkflowInterface
public interface ManualRotationWorkflow {
  @WorkflowMethod(name = "ManualRotation")
  RotationOutcome run(RotationRequest request);

  /** A decision at the open step; returns the state right after it was recorded. */
  @UpdateMethod
  RotationState decide(RotationDecision decision);

  /** Refuses a decision that the open step cannot take, before anything reaches history. */
  @UpdateValidatorMethod(updateName = "decide")
  void validateDecide(RotationDecision decision);

  /** Moves the rotation date T; approvals already given at T must be given again. */
  @UpdateMethod
  RotationState reschedule(Reschedule reschedule);

  @UpdateValidatorMethod(updateName = "reschedule")
  void validateReschedule(Reschedule reschedule);

  /** Calls the rotation off; nothing was changed at the provider before execution. */
  @UpdateMethod
  RotationState cancel(Cancellation cancellation);

  @UpdateValidatorMethod(updateName = "cancel")
  void validateCancel(Cancellation cancellation);

  @QueryMethod
  RotationState state();
}
