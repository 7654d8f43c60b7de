package io.keyward.workflows.rotation;

import io.keyward.workflows.common.KeywardSearchAttributes;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * How a manual rotation is started: one rotation per key (a second start answers the planned one),
 * its date T as {@code KeywardDueAt}, and the memo line Temporal Web shows. The justification stays
 * out of both; the classification is published by the rotation once it has read the key register.
 */
public final class RotationStartOptions {
  /** The value of {@code KeywardKind} for manual rotations. */
  public static final String KIND = "ManualRotation";

  private RotationStartOptions() {}

  public static WorkflowOptions of(RotationRequest request, String taskQueue) {
    SearchAttributes.Builder attributes =
        SearchAttributes.newBuilder()
            .set(KeywardSearchAttributes.KIND, KIND)
            .set(KeywardSearchAttributes.PHASE, RotationPhase.SCHEDULED.name())
            .set(KeywardSearchAttributes.KEY_NAME, request.key().toString())
            .set(KeywardSearchAttributes.DUE_AT, request.rotationDate().atOffset(ZoneOffset.UTC));
    if (request.ticket() != null) {
      attributes.set(KeywardSearchAttributes.TICKET, request.ticket());
    }
    return WorkflowOptions.newBuilder()
        .setWorkflowId(RotationRequest.workflowId(request.key()))
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setTypedSearchAttributes(attributes.build())
        .setMemo(Map.of("summary", summary(request)))
        .build();
  }

  /** The line an operator reads in Temporal Web. */
  static String summary(RotationRequest request) {
    return "Key "
        + request.key()
        + " rotation on "
        + request.rotationDate()
        + " requested by "
        + request.requester().id()
        + ": "
        + RotationPhase.SCHEDULED;
  }
}
