package io.keyward.workflows.testing;

import io.keyward.workflows.lifecycle.KeyLifecycleWorkflow;
import io.keyward.workflows.lifecycle.LifecycleEnrolmentActivities;
import io.keyward.workflows.lifecycle.LifecycleInput;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts lifecycles with the worker's own client, as the real enrolment activity does, so workflow
 * tests see the lifecycle a generation or reconciliation starts.
 */
public final class StartingLifecycles implements LifecycleEnrolmentActivities {
  @Override
  public List<String> startMissing(List<LifecycleInput> inputs) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    WorkflowClient client = context.getWorkflowClient();
    List<String> started = new ArrayList<>();
    for (LifecycleInput input : inputs) {
      KeyLifecycleWorkflow lifecycle =
          client.newWorkflowStub(
              KeyLifecycleWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(LifecycleInput.workflowId(input.key()))
                  .setTaskQueue(context.getInfo().getActivityTaskQueue())
                  .setWorkflowIdConflictPolicy(
                      WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                  .build());
      try {
        WorkflowClient.start(lifecycle::run, input);
        started.add(input.key().toString());
      } catch (WorkflowExecutionAlreadyStarted running) {
        // the key keeps the lifecycle it has
      }
    }
    return started;
  }
}
