package io.keyward.workflows.incident;

import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A durable deadline beside the main flow of a workflow: a timer in its own workflow thread that
 * runs {@code onMissed} when the deadline passes before {@code done} became true. Being a Temporal
 * timer it fires even when no worker ran at that moment, as soon as one is back. Use from workflow
 * code only; {@code onMissed} may call activities.
 */
public final class Deadlines {
  private Deadlines() {}

  /** Watches {@code deadline}; a deadline already past is checked at once. */
  public static Promise<Void> watch(Instant deadline, Supplier<Boolean> done, Runnable onMissed) {
    return Async.procedure(
        () -> {
          Duration left =
              Duration.between(Instant.ofEpochMilli(Workflow.currentTimeMillis()), deadline);
          boolean met =
              left.isNegative() || left.isZero() ? done.get() : Workflow.await(left, done);
          if (!met) {
            onMissed.run();
          }
        });
  }
}
