package io.keyward.api.servicenow;

/** The ceremony a record started: its workflow id and the API path of its status. */
public record StartedCeremony(String workflowId, String statusUrl) {}
