package io.keyward.api.keys;

/**
 * What enrolling a key answers at once: the lifecycle workflow and where to follow it; {@code
 * started} is false when the key already had a lifecycle, which is left as it is.
 */
public record StartedLifecycle(
    String workflowId, String runId, boolean started, String statusUrl) {}
