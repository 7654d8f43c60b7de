package io.keyward.bench;

import io.keyward.workflows.common.CeremonyActivityOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Mirrors the generation ceremony's history, counted by {@link HistoryShape}: one local activity at
 * start and a notification activity sent without waiting, then per step an Update with a validator
 * that records one local activity and one activity after it; the last three steps (generate,
 * verify, register) make a second provider call and record it; a final local activity at the end. 5
 * Updates, 9 activities, 10 local activities, 14 workflow tasks, as Keyward's ceremony. Published
 * (the third argument), it also publishes, times and enrols as the ceremony does: nine publications
 * of search attributes and memo (at the start, in each Update, after each key step), a one-day
 * timer at each of four steps' opening, a version and a side-effect marker, and its last activity
 * starts a {@link BaselineFollowerWorkflow}.
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
  private boolean published;

  @Override
  public int run(int steps, boolean localActivities, boolean published) {
    this.localActivities = localActivities;
    this.published = published;
    if (published) {
      Workflow.getVersion("bench-published", Workflow.DEFAULT_VERSION, 1);
      Workflow.sideEffect(Long.class, () -> 0L);
    }
    local.noop(0);
    stepOpened(0, true);
    Promise<Integer> notified = Async.function(activities::noop, 0);
    while (completed < steps) {
      int next = completed + 1;
      Workflow.await(() -> received >= next);
      activities.noop(next);
      if (published && next == steps - KEY_OPERATIONS) {
        // the quorum is reached: the generation step opens, with its deadline
        Workflow.newTimer(Duration.ofDays(1));
      }
      if (next > steps - KEY_OPERATIONS) {
        if (published && next == steps) {
          activities.enrolFollower(Workflow.getInfo().getWorkflowId() + "/follower");
        } else {
          activities.noop(next);
        }
        local.noop(next);
        stepOpened(next, next < steps);
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
    if (published) {
      BaselinePublication.publish("baseline", "STEP_" + number, number);
    }
    return received;
  }

  /** After a step's work: published, with a timer for the next step's deadline. */
  private void stepOpened(int step, boolean timed) {
    if (!published) {
      return;
    }
    BaselinePublication.publish("baseline", "OPEN_" + step, step);
    if (timed) {
      Workflow.newTimer(Duration.ofDays(1));
    }
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
