package io.keyward.workflows.register;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Activity options of the key register's reads and writes. */
public final class RegisterActivityOptions {
  /**
   * Retried with backoff for up to an hour: a register that is briefly unreachable delays a
   * ceremony, it never lets one go ahead on facts it could not read, nor drops a write.
   */
  public static final ActivityOptions REGISTER =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setDoNotRetry(IllegalArgumentException.class.getName())
                  .build())
          .build();

  private RegisterActivityOptions() {}
}
