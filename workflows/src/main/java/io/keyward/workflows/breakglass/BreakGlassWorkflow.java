package io.keyward.workflows.breakglass;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A break-glass session (runbook 8.3): authorised at the level its scope needs, access granted to
 * the named break-glass admin for at most 15 minutes and revoked by a durable timer, every action
 * recorded, and a post-incident review that escalates when it is not done within a day.
 */
@WorkflowInterface
public interface BreakGlassWorkflow {
  @WorkflowMethod(name = "BreakGlass")
  BreakGlassOutcome run(BreakGlassDeclaration declaration);

  /** An approver approves or denies; returns the state right after it was recorded. */
  @UpdateMethod
  BreakGlassState authorise(Authorisation authorisation);

  @UpdateValidatorMethod(updateName = "authorise")
  void validateAuthorise(Authorisation authorisation);

  /** Records an action of the break-glass admin while the access is live. */
  @UpdateMethod
  BreakGlassState recordAction(SessionAction action);

  @UpdateValidatorMethod(updateName = "recordAction")
  void validateRecordAction(SessionAction action);

  /** Ends an active session early; the revocation follows at once. */
  @UpdateMethod
  BreakGlassState end(EndRequest request);

  @UpdateValidatorMethod(updateName = "end")
  void validateEnd(EndRequest request);

  /** Completes the post-incident review, which closes the session. */
  @UpdateMethod
  BreakGlassState completeReview(Review review);

  @UpdateValidatorMethod(updateName = "completeReview")
  void validateCompleteReview(Review review);

  @QueryMethod
  BreakGlassState state();
}
