package io.keyward.workflows.lifecycle;

import io.keyward.workflows.common.KeywardSearchAttributes;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;

/**
 * How a key's lifecycle is started, by the API (enrolment) and by the worker (a registered key, the
 * reconciliation): one lifecycle per key, and a start for a key that has one fails with "already
 * started", so the caller can tell a new lifecycle from the one the key keeps.
 */
public final class LifecycleStartOptions {
  /** The value of {@code KeywardKind} for key lifecycles. */
  public static final String KIND = "KeyLifecycle";

  private LifecycleStartOptions() {}

  public static WorkflowOptions of(LifecycleInput input, String taskQueue) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(LifecycleInput.workflowId(input.key()))
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(KeywardSearchAttributes.KIND, KIND)
                .set(KeywardSearchAttributes.PHASE, LifecyclePhase.STARTING.name())
                .set(KeywardSearchAttributes.KEY_NAME, input.key().toString())
                .set(KeywardSearchAttributes.CLASSIFICATION, input.classification().name())
                .build())
        .build();
  }
}
