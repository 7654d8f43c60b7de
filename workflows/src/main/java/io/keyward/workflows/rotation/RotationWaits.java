package io.keyward.workflows.rotation;

import static io.keyward.workflows.ceremony.WorkflowClock.now;

import io.keyward.workflows.ceremony.CeremonyNotifier;
import io.keyward.workflows.ceremony.IdempotencyKeys;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The waits of a manual rotation, which follow a reschedule (T moves, every wait on it moves) and a
 * cancellation (every wait ends). Workflow code only.
 */
final class RotationWaits {
  private final ManualRotation rotation;
  private final RotationProgress progress;
  private final CeremonyNotifier notifier;
  private final Duration stepTimeout;

  RotationWaits(
      ManualRotation rotation,
      RotationProgress progress,
      CeremonyNotifier notifier,
      Duration stepTimeout) {
    this.rotation = rotation;
    this.progress = progress;
    this.notifier = notifier;
    this.stepTimeout = stepTimeout;
  }

  /** Sleeps until {@code due} in {@code phase}, following reschedules; false when cancelled. */
  boolean until(Supplier<Instant> due, RotationPhase phase) {
    while (true) {
      Instant at = due.get();
      progress.enter(phase, at);
      Duration left = Duration.between(now(), at);
      if (left.isZero() || left.isNegative()) {
        return true;
      }
      int plan = rotation.plan();
      Workflow.await(left, () -> rotation.cancelled() || rotation.plan() != plan);
      if (rotation.cancelled()) {
        return false;
      }
    }
  }

  /** Waits for {@code done} until {@code due}, following reschedules; false when due came first. */
  boolean before(Supplier<Instant> due, Supplier<Boolean> done) {
    while (true) {
      Duration left = Duration.between(now(), due.get());
      if (left.isZero() || left.isNegative()) {
        return done.get();
      }
      int plan = rotation.plan();
      Workflow.await(left, () -> done.get() || rotation.plan() != plan);
      if (done.get()) {
        return true;
      }
      if (rotation.plan() != plan) {
        progress.enter(rotation.phase(), due.get());
      }
    }
  }

  /**
   * Waits one step timeout for {@code done}, a cancellation or a reschedule; false when the step
   * timed out.
   */
  boolean step(Supplier<Boolean> done, int plan) {
    return Workflow.await(
        stepTimeout, () -> done.get() || rotation.cancelled() || rotation.plan() != plan);
  }

  /** Waits without a deadline, reminding the awaited roles each step timeout. */
  void withReminders(Supplier<Boolean> done, String what) {
    while (!Workflow.await(stepTimeout, done)) {
      notifier.send(
          RotationMessages.reminder(rotation.snapshot(), IdempotencyKeys.subject(), what));
    }
  }
}
