package io.keyward.workflows.lifecycle;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts key lifecycles from workflow code (generation registering a key, reconciliation) as
 * children that outlive their parent (ParentClosePolicy ABANDON) under {@code lifecycle/<vault>/
 * <key>}, so a key that already has a running lifecycle keeps it and gets no second one.
 */
public final class Lifecycles {
  private Lifecycles() {}

  /** Starts the lifecycle; false when the key already has a running one. */
  public static boolean start(LifecycleInput input) {
    return start(List.of(input)).get(0);
  }

  /** Starts them all at once, then waits until each started; true where a new one started. */
  public static List<Boolean> start(List<LifecycleInput> inputs) {
    List<Promise<?>> started = new ArrayList<>();
    for (LifecycleInput input : inputs) {
      KeyLifecycleWorkflow child =
          Workflow.newChildWorkflowStub(
              KeyLifecycleWorkflow.class,
              ChildWorkflowOptions.newBuilder()
                  .setWorkflowId(LifecycleInput.workflowId(input.key()))
                  .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                  .build());
      Async.function(child::run, input);
      started.add(Workflow.getWorkflowExecution(child));
    }
    List<Boolean> results = new ArrayList<>();
    for (Promise<?> promise : started) {
      try {
        promise.get();
        results.add(true);
      } catch (ChildWorkflowFailure failure) {
        if (!(failure.getCause() instanceof WorkflowExecutionAlreadyStarted)) {
          throw failure;
        }
        results.add(false);
      }
    }
    return results;
  }
}
