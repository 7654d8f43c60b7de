package io.keyward.workflows.ceremony;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;

/**
 * Idempotency keys of a run's side effects: {@code <workflow id>/<run id>/<step>}. A retried
 * activity carries the same key and finds what its first attempt made; another run (a new ceremony,
 * the next lifecycle cycle) gets another key. Workflow code only.
 */
public final class IdempotencyKeys {
  private IdempotencyKeys() {}

  /** The key of {@code step} (e.g. {@code "generate"}, {@code "rotate"}) in the current run. */
  public static String forStep(String step) {
    WorkflowInfo info = Workflow.getInfo();
    return of(info.getWorkflowId(), info.getRunId(), step);
  }

  /** The key of {@code step} in run {@code runId} of workflow {@code workflowId}; plain code. */
  public static String of(String workflowId, String runId, String step) {
    if (step == null || step.isBlank() || step.contains("/")) {
      throw new IllegalArgumentException("a step is a non-blank name without '/': " + step);
    }
    return workflowId + "/" + runId + "/" + step;
  }

  /** The current workflow's id: the subject of its notices, tags and audit events. */
  public static String subject() {
    return Workflow.getInfo().getWorkflowId();
  }
}
