package io.keyward.workflows.credential;

import io.keyward.workflows.common.KeywardSearchAttributes;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.util.Map;

/** How an enrolment ceremony is started: its id, queue, search attributes and memo. */
public final class CredentialEnrolmentStartOptions {
  /** The value of {@code KeywardKind} for enrolments. */
  public static final String KIND = "CredentialEnrolment";

  private CredentialEnrolmentStartOptions() {}

  public static WorkflowOptions of(EnrolmentRequest request, String taskQueue) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(EnrolmentRequest.workflowId(request.credentialId()))
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(KeywardSearchAttributes.KIND, KIND)
                .set(KeywardSearchAttributes.PHASE, EnrolmentPhase.AWAITING_APPROVAL.name())
                .build())
        .setMemo(
            Map.of("summary", EnrolmentMessages.summary(request, EnrolmentPhase.AWAITING_APPROVAL)))
        .build();
  }
}
