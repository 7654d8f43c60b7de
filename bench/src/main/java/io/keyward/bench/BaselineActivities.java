package io.keyward.bench;

import io.keyward.workflows.common.TaskQueues;
import io.temporal.activity.ActivityInterface;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;

/** No-op activities standing in for Keyward's provider calls and audit appends. */
@ActivityInterface(namePrefix = "Baseline")
public interface BaselineActivities {
  int noop(int value);

  /**
   * Starts a {@link BaselineFollowerWorkflow}, as the ceremony's last activity enrols a lifecycle.
   */
  void enrolFollower(String workflowId);

  /** Implementation shared by the bench's worker. */
  final class Impl implements BaselineActivities {
    private final WorkflowClient client;

    Impl(WorkflowClient client) {
      this.client = client;
    }

    @Override
    public int noop(int value) {
      return value;
    }

    @Override
    public void enrolFollower(String workflowId) {
      BaselineFollowerWorkflow follower =
          client.newWorkflowStub(
              BaselineFollowerWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(workflowId)
                  .setTaskQueue(TaskQueues.CEREMONIES)
                  .build());
      WorkflowClient.start(follower::run);
    }
  }
}
