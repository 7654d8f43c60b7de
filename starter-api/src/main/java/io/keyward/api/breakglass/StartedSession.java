package io.keyward.api.breakglass;

/**
 * What {@code POST /api/break-glass} answers at once: the workflow of the session and where to
 * follow it. A second declaration for the same incident answers the session already running.
 */
public record StartedSession(String workflowId, String runId, String statusUrl) {}
