package io.keyward.workflows.common;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Activity options shared by the ceremonies, with explicit timeouts and retry policies. */
public final class CeremonyActivityOptions {
  /** Failure types that retrying cannot fix. */
  public static final String[] BUSINESS_FAILURES = {
    "KeyNotFound", "KeyDeleted", "UnsupportedKeySpec", "ProtectionUnavailable", "PolicyViolation"
  };

  /**
   * Provider calls: retried with backoff for up to an hour (a throttled or briefly unreachable HSM
   * must not fail a ceremony), never for business failures.
   */
  public static final ActivityOptions KEY_OPERATIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(60))
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setDoNotRetry(BUSINESS_FAILURES)
                  .build())
          .build();

  /**
   * Audit appends run as local activities so a decision is audited before its Update answers,
   * without an extra round trip to the server. Retried without limit: an audit event is never
   * dropped.
   */
  public static final LocalActivityOptions AUDIT =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofMillis(200))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .build())
          .build();

  private CeremonyActivityOptions() {}
}
