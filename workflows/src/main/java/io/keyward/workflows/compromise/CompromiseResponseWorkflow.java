package io.keyward.workflows.compromise;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The response to a compromised key (runbook 11): the key is disabled first, then the incident is
 * recorded and announced, the impact assessed, the key rotated and the service checked, evidence
 * sealed, and the long-term tasks followed up; unacknowledged, the incident escalates per runbook
 * 17.2.
 */
@WorkflowInterface
public interface CompromiseResponseWorkflow {
  @WorkflowMethod(name = "CompromiseResponse")
  CompromiseOutcome run(CompromiseReport report);

  /** A responder takes the incident; stops the escalation timer. */
  @UpdateMethod
  CompromiseState acknowledge(Acknowledgement acknowledgement);

  @UpdateValidatorMethod(updateName = "acknowledge")
  void validateAcknowledge(Acknowledgement acknowledgement);

  /** Completes one of the long-term tasks; the response closes when all are done. */
  @UpdateMethod
  CompromiseState completeTask(TaskCompletion completion);

  @UpdateValidatorMethod(updateName = "completeTask")
  void validateCompleteTask(TaskCompletion completion);

  @QueryMethod
  CompromiseState state();
}
