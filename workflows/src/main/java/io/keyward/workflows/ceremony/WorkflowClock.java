package io.keyward.workflows.ceremony;

import io.temporal.workflow.Workflow;
import java.time.Instant;

/** The only clock of workflow code: the replay-safe time of the current workflow task. */
public final class WorkflowClock {
  private WorkflowClock() {}

  public static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
