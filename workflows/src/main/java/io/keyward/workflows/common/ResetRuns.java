package io.keyward.workflows.common;

import io.temporal.workflow.WorkflowInfo;
import java.util.Optional;

/**
 * Tells a reset run from an original one. A reset (Temporal Web, {@code temporal workflow reset})
 * starts a new run from a point in an old run's history, replaying what was decided before that
 * point, approvals included, without their validators: a break-glass run reset to just after its
 * approvals would grant access again. A reset run keeps the original run's id as its {@link
 * WorkflowInfo#getOriginalExecutionRunId()}, which differs from its own run id; a run that
 * continued as new has a started event of its own, so the two are equal there.
 */
public final class ResetRuns {
  private ResetRuns() {}

  /** The run {@code info}'s run is a reset of; empty for an original run. */
  public static Optional<String> resetOf(WorkflowInfo info) {
    String original = info.getOriginalExecutionRunId();
    if (original == null || original.isEmpty() || original.equals(info.getRunId())) {
      return Optional.empty();
    }
    return Optional.of(original);
  }
}
