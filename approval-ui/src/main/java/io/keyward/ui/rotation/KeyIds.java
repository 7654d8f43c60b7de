package io.keyward.ui.rotation;

import io.keyward.workflows.common.KeyRef;
import java.util.Optional;

/** Reads the key out of a workflow id of the form {@code <kind>/<vault>/<name>}. */
final class KeyIds {
  private KeyIds() {}

  static Optional<KeyRef> keyOf(String prefix, String workflowId) {
    if (workflowId == null || !workflowId.startsWith(prefix)) {
      return Optional.empty();
    }
    try {
      return Optional.of(KeyRef.parse(workflowId.substring(prefix.length())));
    } catch (IllegalArgumentException notAKey) {
      return Optional.empty();
    }
  }
}
