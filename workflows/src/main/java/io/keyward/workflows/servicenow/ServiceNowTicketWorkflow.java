package io.keyward.workflows.servicenow;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The record of one ServiceNow ticket in Keyward, under the id {@code snow/<sys_id>}: which
 * ceremony the ticket started. Temporal allows one workflow per id, which makes the webhook
 * idempotent across API replicas: start it with the id reuse policy that rejects duplicates, and a
 * second delivery of the same record finds this one instead of starting a second ceremony. It
 * acknowledges the ticket with a work note, then stays open for {@link
 * ServiceNowTicketWorkflowImpl#DEDUPLICATION_WINDOW}.
 */
@WorkflowInterface
public interface ServiceNowTicketWorkflow {
  /** The memo keys that carry the link, readable with a describe call while open or closed. */
  String MEMO_CEREMONY = "ceremony";

  String MEMO_STATUS_URL = "statusUrl";

  String MEMO_RECORD_TYPE = "recordType";

  @WorkflowMethod(name = "ServiceNowTicket")
  TicketLink run(TicketLink link);

  @QueryMethod
  TicketLink link();
}
