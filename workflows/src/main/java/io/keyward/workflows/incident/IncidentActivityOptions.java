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
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofMillis(500))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofSeconds(10))
                  .build())
          .build();

  /**
   * Revoking break-glass access: retried quickly and without limit, because a grant must never
   * outlive its session; an operator sees the attempts in Temporal Web while the store is down.
   */
  public static final ActivityOptions REVOCATION =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofMillis(500))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofSeconds(10))
                  .build())
          .build();

  /**
   * Reading the dependency map for the impact assessment: five minutes, then the response goes on
   * and says that the affected applications must be found by hand.
   */
  public static final ActivityOptions DEPENDENCIES =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .build())
          .build();

  /** Sealing forensic evidence into the audit trail: retried for an hour. */
  public static final ActivityOptions EVIDENCE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(60))
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .build())
          .build();

  private IncidentActivityOptions() {}
}
