package io.keyward.api.servicenow;

import io.keyward.api.errors.ConflictException;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Objects;

/**
 * Keeps a record from joining a workflow another ticket started. The services start with the "use
 * the running workflow" policy, so a request for a key whose ceremony is running answers that
 * ceremony; for a ServiceNow record that would tie the ticket to someone else's request. Read from
 * the workflow's {@code KeywardTicket} search attribute, so no worker needs to answer.
 */
final class TicketClaims {
  private final WorkflowClient client;

  TicketClaims(WorkflowClient client) {
    this.client = client;
  }

  /**
   * @param what the workflow in words, e.g. "a generation ceremony for kv-a/b"
   * @throws ConflictException when the workflow runs under another ticket or none
   */
  void refuseIfRunningForAnotherTicket(String workflowId, String number, String what) {
    WorkflowExecutionDescription running;
    try {
      running = client.newUntypedWorkflowStub(workflowId).describe();
    } catch (WorkflowNotFoundException none) {
      return;
    }
    if (running.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return;
    }
    String ticket = running.getTypedSearchAttributes().get(KeywardSearchAttributes.TICKET);
    if (!Objects.equals(ticket, number)) {
      throw new ConflictException(
          what
              + " is already running"
              + (ticket == null ? "" : " for ticket " + ticket)
              + "; nothing was started");
    }
  }
}
