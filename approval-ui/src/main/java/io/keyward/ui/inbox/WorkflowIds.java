package io.keyward.ui.inbox;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.incident.IncidentId;
import java.util.Optional;

/**
 * Reads what a Keyward workflow id names: the key of {@code keygen/<vault>/<name>}, {@code
 * rotation/...} or {@code lifecycle/...}, the incident of {@code breakglass/<id>} or {@code
 * compromise/<id>}. An id of another form reads as empty, never as an error.
 */
public final class WorkflowIds {
  private WorkflowIds() {}

  public static Optional<KeyRef> keyOf(String prefix, String workflowId) {
    if (workflowId == null || !workflowId.startsWith(prefix)) {
      return Optional.empty();
    }
    try {
      return Optional.of(KeyRef.parse(workflowId.substring(prefix.length())));
    } catch (IllegalArgumentException notAKey) {
      return Optional.empty();
    }
  }

  public static Optional<IncidentId> incidentOf(String prefix, String workflowId) {
    if (workflowId == null || !workflowId.startsWith(prefix)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new IncidentId(workflowId.substring(prefix.length())));
    } catch (IllegalArgumentException notAnIncident) {
      return Optional.empty();
    }
  }
}
