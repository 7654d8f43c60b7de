package io.keyward.api.rotation;

import io.keyward.workflows.common.KeyRef;

/**
 * What {@code POST /api/rotations} answers at once: the workflow that runs the rotation and where
 * to follow it. A second request for the same key answers the rotation already planned.
 */
public record StartedRotation(String workflowId, String runId, String statusUrl) {
  static StartedRotation of(KeyRef key, String workflowId, String runId) {
    return new StartedRotation(workflowId, runId, RotationResource.statusPath(key));
  }
}
