package io.keyward.workflows.compromise;

import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.TaskQueues;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.util.Map;

/**
 * How a compromise response is started: one response per incident, ever, with the key and incident
 * as search attributes, and in the memo the moment the report was accepted (a second report for the
 * same incident answers the first one's moment) and the line Temporal Web shows. A response runs on
 * its own task queue ({@link TaskQueues#compromiseResponses}), beside the ceremonies queue.
 */
public final class CompromiseStartOptions {
  /** The value of {@code KeywardKind} for compromise responses. */
  public static final String KIND = "CompromiseResponse";

  /** The memo field with the moment the report that started the response was accepted. */
  public static final String ACCEPTED_AT = "acceptedAt";

  private CompromiseStartOptions() {}

  /**
   * @param ceremonies the ceremonies task queue the worker polls; the response starts on its
   *     compromise queue
   */
  public static WorkflowOptions of(CompromiseReport report, String ceremonies) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(CompromiseReport.workflowId(report.incident()))
        .setTaskQueue(TaskQueues.compromiseResponses(ceremonies))
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(KeywardSearchAttributes.KIND, KIND)
                .set(KeywardSearchAttributes.PHASE, CompromisePhase.DISABLING.name())
                .set(KeywardSearchAttributes.INCIDENT, report.incident().value())
                .set(KeywardSearchAttributes.KEY_NAME, report.key().toString())
                .build())
        .setMemo(
            Map.of(
                ACCEPTED_AT,
                report.acceptedAt().toString(),
                "summary",
                report.severity()
                    + " compromise of "
                    + report.key()
                    + " ("
                    + report.incident()
                    + ") reported by "
                    + report.reporter().id()
                    + ": "
                    + CompromisePhase.DISABLING))
        .build();
  }
}
