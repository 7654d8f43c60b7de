package io.keyward.bench;

import io.keyward.workflows.common.CeremonyActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** The lifecycle's opening, counted as a lifecycle's recorded history shows it. */
public class BaselineFollowerWorkflowImpl implements BaselineFollowerWorkflow {
  private final BaselineActivities activities =
      Workflow.newActivityStub(BaselineActivities.class, CeremonyActivityOptions.KEY_OPERATIONS);
  private final BaselineActivities local =
      Workflow.newLocalActivityStub(BaselineActivities.class, CeremonyActivityOptions.AUDIT);

  @Override
  public void run() {
    activities.noop(0);
    local.noop(0);
    BaselinePublication.publish("lifecycle", "ACTIVE", 0);
    activities.noop(1);
    BaselinePublication.publish("lifecycle", "ACTIVE", 1);
    Workflow.sleep(Duration.ofDays(30));
  }
}
