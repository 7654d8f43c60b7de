package io.keyward.bench;

import io.keyward.workflows.common.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;

/** Drives the baseline with the same five Updates and the same waits between them. */
final class BaselineDriver implements CeremonyDriver {
  static final int STEPS = 5;

  /** What the baseline asks of Temporal besides doing nothing. */
  enum Shape {
    /** Updates that only set a field: no local activity in their handlers. */
    BARE("bare", "Baseline without local activities in Updates"),
    /** The ceremony's Updates, activities and local activities. */
    SAME_HISTORY("", "Baseline"),
    /** Those, and the ceremony's publications, timers, markers and follower workflow. */
    PUBLISHED("published", "Baseline publishing as the ceremony does");

    private final String path;
    private final String title;

    Shape(String path, String title) {
      this.path = path;
      this.title = title;
    }
  }

  private final WorkflowClient client;
  private final String runTag;
  private final Shape shape;

  BaselineDriver(WorkflowClient client, String runTag, Shape shape) {
    this.client = client;
    this.runTag = runTag;
    this.shape = shape;
  }

  @Override
  public String name() {
    return shape.title;
  }

  String workflowId(int n) {
    return "bench-baseline/" + runTag + "/" + (shape.path.isEmpty() ? "" : shape.path + "/") + n;
  }

  @Override
  public void run(int n, DecisionTimings roundTrips) throws Exception {
    BaselineWorkflow workflow =
        client.newWorkflowStub(
            BaselineWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId(n))
                .setTaskQueue(TaskQueues.CEREMONIES)
                .build());
    WorkflowClient.start(workflow::run, STEPS, shape != Shape.BARE, shape == Shape.PUBLISHED);
    for (int step = 1; step <= STEPS; step++) {
      int done = step - 1;
      roundTrips.awaitStep(() -> workflow.completedSteps() == done);
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
      if (roundTrips.visible() != null) {
        while (workflow.receivedSteps() < step) {
          Thread.sleep(1);
        }
        roundTrips.visible().add(System.nanoTime() - start);
      }
    }
    WorkflowStub.fromTyped(workflow).getResult(Integer.class);
  }
}
