package io.keyward.api.keys;

/** The answer to a classification change request: its workflow and where to follow it. */
public record StartedClassificationChange(String workflowId, String runId, String statusUrl) {}
