package io.keyward.api.compromise;

import java.time.Instant;

/**
 * What {@code POST /api/compromises} answers at once: the response's workflow, where to follow it,
 * and when the report was accepted (the start of the time-to-disable clock). Reporting the same
 * incident again answers the response already running.
 */
public record StartedResponse(
    String workflowId, String runId, String statusUrl, String key, Instant acceptedAt) {}
