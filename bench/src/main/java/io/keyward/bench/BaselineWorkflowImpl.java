package io.keyward.bench;

import io.keyward.workflows.common.CeremonyActivityOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;

/**
 * Mirrors the generation ceremony's history, counted by {@link HistoryShape}: one local activity at
 * start and a notification activity sent without waiting, then per step an Update with a validator
 * that records one local activity and one activity after it; the last three steps (generate,
 * verify, register) make a second provider call and record it; a final local activity at the end. 5
 * Updates, 9 activities, 10 local activities, 14 workflow tasks, as Keyward's ceremony.
 */
public class BaselineWorkflowImpl implements BaselineWorkflow {
  private final BaselineActivities activities =
      Workflow.newActivityStub(BaselineActivities.class, CeremonyActivityOptions.KEY_OPERATIONS);
  private final BaselineActivities local =
      Workflow.newLocalActivityStub(BaselineActivities.class, CeremonyActivityOptions.AUDIT);

  /** The steps that work on the key (generate, verify, register): two provider calls each. */
  private static final int KEY_OPERATIONS = 3;

  private int received;
  private int completed;
  private boolean localActivities;

  @Override
  public int run(int steps, boolean localActivities) {
    this.localActivities = localActivities;
    local.noop(0);
    Promise<Integer> notified = Async.function(activities::noop, 0);
    while (completed < steps) {
      int next = completed + 1;
      Workflow.await(() -> received >= next);
      activities.noop(next);
      if (next > steps - KEY_OPERATIONS) {
        activities.noop(next);
        local.noop(next);
      }
      completed = next;
    }
    local.noop(steps);
    notified.get();
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
