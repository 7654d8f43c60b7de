package io.keyward.workflows.breakglass;

import io.keyward.workflows.common.KeywardSearchAttributes;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.util.Map;

/**
 * How a break-glass session is started: one session per incident, ever (a closed session's id is
 * not reused, so new access needs a new incident), with the incident and scope as search attributes
 * and the memo line Temporal Web shows.
 */
public final class BreakGlassStartOptions {
  /** The value of {@code KeywardKind} for break-glass sessions. */
  public static final String KIND = "BreakGlass";

  private BreakGlassStartOptions() {}

  public static WorkflowOptions of(BreakGlassDeclaration declaration, String taskQueue) {
    BreakGlassScope scope = declaration.scope();
    return WorkflowOptions.newBuilder()
        .setWorkflowId(BreakGlassDeclaration.workflowId(declaration.incident()))
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(KeywardSearchAttributes.KIND, KIND)
                .set(KeywardSearchAttributes.PHASE, BreakGlassPhase.ASSESSING_SCOPE.name())
                .set(KeywardSearchAttributes.INCIDENT, declaration.incident().value())
                .set(KeywardSearchAttributes.KEY_NAME, scope.searchKeyName())
                .build())
        .setMemo(
            Map.of(
                "summary",
                "Break-glass for "
                    + declaration.incident()
                    + ": "
                    + declaration.admin().id()
                    + " on "
                    + scope.describe()
                    + ", declared by "
                    + declaration.declarer().id()
                    + ": "
                    + BreakGlassPhase.ASSESSING_SCOPE))
        .build();
  }
}
