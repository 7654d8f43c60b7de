package io.keyward.workflows.servicenow;

import java.util.Objects;

/**
 * What a ServiceNow record started: the ceremony's workflow id and where its status is read. Kept
 * by the record's {@link ServiceNowTicketWorkflow}, so a second delivery of the same record finds
 * the same ceremony.
 *
 * @param requester the directory id the record's requester or reporter was mapped to
 */
public record TicketLink(
    ServiceNowRecord record,
    RecordType type,
    String requester,
    String ceremonyWorkflowId,
    String statusUrl) {
  public TicketLink {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(ceremonyWorkflowId, "ceremonyWorkflowId");
  }
}
