package io.keyward.bench;

import io.keyward.workflows.common.CeremonyActivityOptions;
import io.temporal.workflow.Workflow;

/**
 * Mirrors the generation ceremony's shape: one local activity at start, then per step an Update
 * with a validator that records one local activity, and one activity after each step; a final local
 * activity at the end (5 Updates, 5 activities, about 10 local activities).
 */
public class BaselineWorkflowImpl implements BaselineWorkflow {
  private final BaselineActivities activities =
      Workflow.newActivityStub(BaselineActivities.class, CeremonyActivityOptions.KEY_OPERATIONS);
  private final BaselineActivities local =
      Workflow.newLocalActivityStub(BaselineActivities.class, CeremonyActivityOptions.AUDIT);
  private int received;
  private int completed;
  private boolean localActivities;

  @Override
  public int run(int steps, boolean localActivities) {
    this.localActivities = localActivities;
    local.noop(0);
    while (completed < steps) {
      int next = completed + 1;
      Workflow.await(() -> received >= next);
      activities.noop(next);
      completed = next;
    }
    local.noop(steps);
    Workflow.await(Workflow::isEveryHandlerFinished);
    return completed;
  }

  @Override
  public int step(int number) {
    received = number;
    if (localActivities) {
      local.noop(number);
    }
    return received;
  }

  @Override
  public void validateStep(int number) {
    if (number != completed + 1 || received >= number) {
      throw new IllegalArgumentException("step " + number + " is not open");
    }
  }

  @Override
  public int receivedSteps() {
    return received;
  }

  @Override
  public int completedSteps() {
    return completed;
  }
}
