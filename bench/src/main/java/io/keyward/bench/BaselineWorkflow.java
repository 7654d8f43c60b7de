package io.keyward.bench;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The yardstick: the same number of Updates, activities and local activities as a generation
 * ceremony, doing nothing of its own, so the difference is what Keyward's code costs.
 */
@WorkflowInterface
public interface BaselineWorkflow {
  /**
   * @param localActivities whether each Update records a local activity, as Keyward's audit does;
   *     without, the Update's handler only sets a field (the slow-mode probe compares the two)
   * @param published whether it also asks Temporal for what the ceremony asks beyond its Updates
   *     and activities: the same search attributes and memo published as often, a timer at each
   *     step's opening, two markers, and a follower workflow enrolled by its last activity, as the
   *     ceremony enrols the key's lifecycle ({@link BaselineFollowerWorkflow})
   */
  @WorkflowMethod(name = "BenchBaseline")
  int run(int steps, boolean localActivities, boolean published);

  @UpdateMethod
  int step(int number);

  @UpdateValidatorMethod(updateName = "step")
  void validateStep(int number);

  /** Steps received so far, as the driver reads them back. */
  @QueryMethod
  int receivedSteps();

  /** Steps whose activity has run; the next Update is accepted once it equals receivedSteps. */
  @QueryMethod
  int completedSteps();
}
