package io.keyward.workflows.generation;

import io.keyward.workflows.common.KeywardSearchAttributes;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.util.Map;

/**
 * How a generation ceremony is started, wherever it is started from: its workflow id (one ceremony
 * per key, a second start answers the running one), the search attributes an operator filters on
 * and the memo line Temporal Web shows. The justification stays out of both.
 */
public final class GenerationStartOptions {
  /** The value of {@code KeywardKind} for these ceremonies. */
  public static final String KIND = "KeyGeneration";

  private GenerationStartOptions() {}

  public static WorkflowOptions of(GenerationRequest request, String taskQueue) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(GenerationRequest.workflowId(request.key()))
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setTypedSearchAttributes(searchAttributes(request))
        .setMemo(Map.of("summary", summary(request)))
        .build();
  }

  static SearchAttributes searchAttributes(GenerationRequest request) {
    SearchAttributes.Builder attributes =
        SearchAttributes.newBuilder()
            .set(KeywardSearchAttributes.KIND, KIND)
            .set(KeywardSearchAttributes.PHASE, GenerationPhase.AWAITING_APPROVAL.name())
            .set(KeywardSearchAttributes.KEY_NAME, request.key().toString())
            .set(KeywardSearchAttributes.CLASSIFICATION, request.classification().name());
    if (request.ticket() != null) {
      attributes.set(KeywardSearchAttributes.TICKET, request.ticket());
    }
    return attributes.build();
  }

  /** The line an operator reads in Temporal Web. */
  static String summary(GenerationRequest request) {
    return request.spec().describe()
        + " "
        + request.classification()
        + " key "
        + request.key()
        + " requested by "
        + request.requester().id()
        + (request.ticket() == null ? "" : " (" + request.ticket() + ")")
        + ": "
        + GenerationPhase.AWAITING_APPROVAL;
  }
}
