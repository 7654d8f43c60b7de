package io.keyward.workflows.credential;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Dual-control enrolment of a person's WebAuthn credential: a security team lead who is not the
 * person approves it before it may sign ULTRA decisions, or refuses it.
 */
@WorkflowInterface
public interface CredentialEnrolmentWorkflow {
  @WorkflowMethod(name = "CredentialEnrolment")
  EnrolmentState run(EnrolmentRequest request);

  /** A lead's decision; returns the state once the store holds its outcome. */
  @UpdateMethod
  EnrolmentState decide(EnrolmentDecision decision);

  @UpdateValidatorMethod(updateName = "decide")
  void validateDecide(EnrolmentDecision decision);

  @QueryMethod
  EnrolmentState state();
}
