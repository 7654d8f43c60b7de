package io.keyward.api.generation;

import io.keyward.workflows.common.KeyRef;

/**
 * What {@code POST /api/generations} answers at once: the workflow that runs the ceremony and where
 * to follow it. A duplicate request for the same key answers the run that is already going.
 */
public record StartedGeneration(String workflowId, String runId, String statusUrl) {
  static StartedGeneration of(KeyRef key, String workflowId, String runId) {
    return new StartedGeneration(workflowId, runId, GenerationResource.statusPath(key));
  }
}
