package io.keyward.api.servicenow;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.servicenow.RecordType;
import io.keyward.workflows.servicenow.ServiceNowRecord;
import io.keyward.workflows.servicenow.ServiceNowTicketWorkflow;
import io.keyward.workflows.servicenow.TicketLink;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.util.Map;
import java.util.Optional;

/**
 * The mapping from a ServiceNow sys_id to the ceremony it started, kept in Temporal as the {@code
 * snow/<sys_id>} workflow and read from its memo, so every API replica sees the same mapping and
 * Temporal's one-workflow-per-id rule settles two deliveries that race.
 */
final class TicketLinks {
  private final WorkflowClient client;
  private final String taskQueue;

  TicketLinks(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  /** What this record started, if it was delivered before (open or closed record workflow). */
  Optional<AcceptedDelivery> find(ServiceNowRecord record) {
    WorkflowExecutionDescription described;
    try {
      described = client.newUntypedWorkflowStub(record.workflowId()).describe();
    } catch (WorkflowNotFoundException never) {
      return Optional.empty();
    }
    return Optional.of(
        new AcceptedDelivery(
            memo(described, ServiceNowTicketWorkflow.MEMO_CEREMONY),
            memo(described, ServiceNowTicketWorkflow.MEMO_STATUS_URL),
            record.workflowId(),
            true));
  }

  /**
   * Records that {@code record} started {@code ceremony}. When another delivery of the same record
   * recorded first, answers what that one recorded.
   */
  AcceptedDelivery record(
      ServiceNowRecord record, RecordType type, Actor requester, StartedCeremony ceremony) {
    TicketLink link =
        new TicketLink(record, type, requester.id(), ceremony.workflowId(), ceremony.statusUrl());
    ServiceNowTicketWorkflow workflow =
        client.newWorkflowStub(ServiceNowTicketWorkflow.class, options(link));
    try {
      WorkflowClient.start(workflow::run, link);
    } catch (WorkflowExecutionAlreadyStarted closedBefore) {
      return find(record).orElseThrow();
    }
    AcceptedDelivery recorded = find(record).orElseThrow();
    boolean ours = recorded.workflowId().equals(ceremony.workflowId());
    return new AcceptedDelivery(
        recorded.workflowId(), recorded.statusUrl(), record.workflowId(), !ours);
  }

  private WorkflowOptions options(TicketLink link) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(link.record().workflowId())
        .setTaskQueue(taskQueue)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setMemo(
            Map.of(
                ServiceNowTicketWorkflow.MEMO_CEREMONY, link.ceremonyWorkflowId(),
                ServiceNowTicketWorkflow.MEMO_STATUS_URL, link.statusUrl(),
                ServiceNowTicketWorkflow.MEMO_RECORD_TYPE, link.type().wireName()))
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(KeywardSearchAttributes.KIND, "ServiceNowTicket")
                .set(KeywardSearchAttributes.TICKET, link.record().number())
                .build())
        .build();
  }

  private static String memo(WorkflowExecutionDescription described, String key) {
    return described.getMemo(key, String.class, String.class);
  }
}
