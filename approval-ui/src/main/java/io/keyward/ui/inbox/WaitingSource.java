package io.keyward.ui.inbox;

import io.keyward.workflows.common.Actor;
import java.util.Optional;

/**
 * Reads one kind of ceremony for the inbox: asks a run of {@link #workflowType()} what it waits
 * for. Each kind of ceremony (generation, rotation, break-glass, compromise) has one.
 */
public interface WaitingSource {
  /** The Temporal workflow type this source reads, e.g. {@code KeyGeneration}. */
  String workflowType();

  /**
   * The inbox row when the run waits on one of {@code viewer}'s roles and the viewer may see it;
   * empty otherwise, also when the run has meanwhile moved on.
   */
  Optional<InboxRow> waitingOn(String workflowId, Actor viewer);
}
