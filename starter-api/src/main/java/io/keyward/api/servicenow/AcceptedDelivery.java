package io.keyward.api.servicenow;

/**
 * What the webhook answers with 202: the ceremony's workflow id, where to read its status, the
 * workflow that records the ticket ({@code snow/<sys_id>}), and whether this delivery was a
 * duplicate of one already accepted (then nothing new was started).
 */
public record AcceptedDelivery(
    String workflowId, String statusUrl, String ticketWorkflowId, boolean duplicate) {}
