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
   * empty otherwise, also when the run has meanwhile moved on. Asks the run (a query).
   */
  Optional<InboxRow> waitingOn(String workflowId, Actor viewer);

  /**
   * Whether this kind of ceremony publishes its open step ({@link PublishedStep}), so that {@link
   * #fromPublished} reads a run that did without asking it.
   */
  default boolean readsPublished() {
    return false;
  }

  /**
   * The same as {@link #waitingOn} from what the run published, without asking it. Called only when
   * {@link #readsPublished()}.
   */
  default Optional<InboxRow> fromPublished(
      String workflowId, PublishedStep published, Actor viewer) {
    throw new UnsupportedOperationException(workflowType() + " publishes no open step");
  }
}
