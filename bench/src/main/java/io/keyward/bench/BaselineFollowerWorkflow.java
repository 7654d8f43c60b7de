package io.keyward.bench;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * What a generation starts beside itself, without Keyward's code: the key's lifecycle opens with a
 * look-up, a recorded local activity, two publications of its search attributes and memo, a second
 * provider call and a timer until the next rotation, where it waits.
 */
@WorkflowInterface
public interface BaselineFollowerWorkflow {
  @WorkflowMethod(name = "BenchBaselineFollower")
  void run();
}
