package io.keyward.workflows.rotation;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Activity options of the rotation and lifecycle workflows beyond the key operations of {@link
 * io.keyward.workflows.common.CeremonyActivityOptions}.
 */
public final class RotationActivityOptions {
  /**
   * Reading the dependency map and the provider inventory, starting lifecycles: retried for up to
   * an hour.
   */
  public static final ActivityOptions LOOKUPS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .build())
          .build();

  private RotationActivityOptions() {}
}
