package io.keyward.workflows.incident;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Activity options of the incident workflows, each with an explicit timeout and retry policy. */
public final class IncidentActivityOptions {
  /**
   * One attempt to disable a compromised key. The workflow itself retries in a loop, counting
   * attempts so that it can alert after the first failures; a short timeout makes a hung provider
   * call count as a failure quickly.
   */
  public static final ActivityOptions DISABLE_ATTEMPT =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  /**
   * Granting break-glass access: retried for up to five minutes, then the session fails rather than
   * leave the admin waiting on access that may never come.
   */
  public static final ActivityOptions GRANT =
      retried(
          Duration.ofSeconds(30),
          Duration.ofMinutes(5),
          Duration.ofMillis(500),
          Duration.ofSeconds(10));

  /**
   * Revoking break-glass access: retried quickly and without limit, because a grant must never
   * outlive its session; an operator sees the attempts in Temporal Web while the store is down.
   */
  public static final ActivityOptions REVOCATION =
      retried(Duration.ofSeconds(30), null, Duration.ofMillis(500), Duration.ofSeconds(10));

  /** Notifications: retried for ten minutes, then given up (a notifier never blocks a response). */
  public static final ActivityOptions NOTIFY =
      retried(
          Duration.ofSeconds(30),
          Duration.ofMinutes(10),
          Duration.ofSeconds(1),
          Duration.ofMinutes(1));

  /**
   * Reading the dependency map for the impact assessment: five minutes, then the response goes on
   * and says that the affected applications must be found by hand.
   */
  public static final ActivityOptions DEPENDENCIES =
      retried(
          Duration.ofSeconds(30),
          Duration.ofMinutes(5),
          Duration.ofSeconds(1),
          Duration.ofSeconds(30));

  /** Sealing forensic evidence into the audit trail: retried for an hour. */
  public static final ActivityOptions EVIDENCE =
      retried(
          Duration.ofSeconds(60),
          Duration.ofHours(1),
          Duration.ofSeconds(1),
          Duration.ofMinutes(1));

  private IncidentActivityOptions() {}

  /**
   * Exponential backoff (coefficient 2) from {@code initial} up to {@code maxInterval}, given up
   * after {@code scheduleToClose}, or never when it is null.
   */
  private static ActivityOptions retried(
      Duration startToClose, Duration scheduleToClose, Duration initial, Duration maxInterval) {
    ActivityOptions.Builder options =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(startToClose)
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setInitialInterval(initial)
                    .setBackoffCoefficient(2.0)
                    .setMaximumInterval(maxInterval)
                    .build());
    if (scheduleToClose != null) {
      options.setScheduleToCloseTimeout(scheduleToClose);
    }
    return options.build();
  }
}
