package io.keyward.bench;

import io.keyward.workflows.common.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;

/** Drives the baseline with the same five Updates and the same waits between them. */
final class BaselineDriver implements CeremonyDriver {
  static final int STEPS = 5;

  private final WorkflowClient client;
  private final String runTag;
  private final boolean localActivities;

  BaselineDriver(WorkflowClient client, String runTag, boolean localActivities) {
    this.client = client;
    this.runTag = runTag;
    this.localActivities = localActivities;
  }

  @Override
  public String name() {
    return localActivities ? "Baseline" : "Baseline without local activities in Updates";
  }

  String workflowId(int n) {
    return "bench-baseline/" + runTag + (localActivities ? "/" : "/bare/") + n;
  }

  @Override
  public void run(int n, DecisionTimings roundTrips) throws InterruptedException {
    BaselineWorkflow workflow =
        client.newWorkflowStub(
            BaselineWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("bench-baseline/" + runTag + (localActivities ? "/" : "/bare/") + n)
                .setTaskQueue(TaskQueues.CEREMONIES)
                .build());
    WorkflowClient.start(workflow::run, STEPS, localActivities);
    for (int step = 1; step <= STEPS; step++) {
      while (workflow.completedSteps() != step - 1) {
        Thread.sleep(2);
      }
      if (roundTrips.idleQuery() != null) {
        // The step's activity and the workflow task after it are done: nothing is in flight.
        Thread.sleep(20);
        long queried = System.nanoTime();
        workflow.completedSteps();
        roundTrips.idleQuery().add(System.nanoTime() - queried);
      }
      roundTrips.thinkFirst();
      long start = System.nanoTime();
      workflow.step(step);
      roundTrips.answered().add(System.nanoTime() - start);
      while (workflow.receivedSteps() < step) {
        Thread.sleep(1);
      }
      roundTrips.visible().add(System.nanoTime() - start);
    }
    WorkflowStub.fromTyped(workflow).getResult(Integer.class);
  }
}
