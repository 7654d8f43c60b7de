package io.keyward.workflows.ceremony;

import io.temporal.workflow.Workflow;
import java.util.Optional;

/** How Update validators refuse, and how a workflow waits for the decisions they let through. */
public final class UpdateRefusals {
  private UpdateRefusals() {}

  /**
   * Throws the refusal, if any, from a validator: the caller gets the message and nothing is
   * written to history.
   */
  public static void refuseIfPresent(Optional<String> refusal) {
    if (refusal.isPresent()) {
      throw new IllegalArgumentException(refusal.get());
    }
  }

  /**
   * True when {@code decided} holds and every Update handler has finished, so the decision's own
   * audit record is written before the step it unblocks.
   */
  public static boolean settled(boolean decided) {
    return decided && Workflow.isEveryHandlerFinished();
  }
}
