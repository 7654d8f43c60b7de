package io.keyward.activities.rotation;

import io.keyward.workflows.lifecycle.KeyLifecycleWorkflow;
import io.keyward.workflows.lifecycle.LifecycleEnrolmentActivities;
import io.keyward.workflows.lifecycle.LifecycleInput;
import io.keyward.workflows.lifecycle.LifecycleStartOptions;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts key lifecycles with the worker's own Temporal client, on the task queue this activity runs
 * on, under {@code lifecycle/<vault>/<key>}. A running lifecycle is left as it is (the start fails
 * with "already started", which counts as done), so a retried call starts nothing twice.
 */
public final class LifecycleEnrolmentActivitiesImpl implements LifecycleEnrolmentActivities {
  @Override
  public List<String> startMissing(List<LifecycleInput> inputs) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    WorkflowClient client = context.getWorkflowClient();
    String taskQueue = context.getInfo().getActivityTaskQueue();
    List<String> started = new ArrayList<>();
    for (LifecycleInput input : inputs) {
      KeyLifecycleWorkflow lifecycle =
          client.newWorkflowStub(
              KeyLifecycleWorkflow.class, LifecycleStartOptions.of(input, taskQueue));
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
