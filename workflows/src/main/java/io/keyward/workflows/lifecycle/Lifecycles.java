package io.keyward.workflows.lifecycle;

import io.keyward.workflows.rotation.RotationActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * Starts key lifecycles from workflow code (generation registering a key, reconciliation) through
 * {@link LifecycleEnrolmentActivities}: each lifecycle is a workflow of its own, not a child, so it
 * lives on for years whatever becomes of the workflow that started it. Create in workflow code.
 */
public final class Lifecycles {
  private final LifecycleEnrolmentActivities enrolment =
      Workflow.newActivityStub(LifecycleEnrolmentActivities.class, RotationActivityOptions.LOOKUPS);

  /** Starts the lifecycle; false when the key already has a running one. */
  public boolean start(LifecycleInput input) {
    return !enrolment.startMissing(List.of(input)).isEmpty();
  }

  /**
   * How version 1 of {@code lifecycle-on-register} in the generation workflow started the
   * lifecycle: as a child workflow that outlives its parent. Kept so runs recorded with it replay;
   * new code uses {@link #start}.
   */
  public static boolean startAsChild(LifecycleInput input) {
    KeyLifecycleWorkflow child =
        Workflow.newChildWorkflowStub(
            KeyLifecycleWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(LifecycleInput.workflowId(input.key()))
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build());
    Async.function(child::run, input);
    try {
      Workflow.getWorkflowExecution(child).get();
      return true;
    } catch (ChildWorkflowFailure failure) {
      if (failure.getCause() instanceof WorkflowExecutionAlreadyStarted) {
        return false;
      }
      throw failure;
    }
  }

  /** Starts the lifecycles of the keys that have none; returns the keys it started. */
  public List<String> startMissing(List<LifecycleInput> inputs) {
    return inputs.isEmpty() ? List.of() : enrolment.startMissing(inputs);
  }
}
