package io.keyward.activities.integration;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;

/**
 * Tells a delivery activity (a notification, a ticket update) whether this try is its last, so it
 * can give up with an audit record instead of failing the workflow that called it. The last try is
 * the one the activity's retry policy allows last, or the {@code giveUpAfter}-th, whichever comes
 * first.
 */
@FunctionalInterface
public interface DeliveryAttempts {
  boolean isLast();

  /** Reads the attempt and the retry policy of the activity running on this thread. */
  static DeliveryAttempts ofRunningActivity(int giveUpAfter) {
    if (giveUpAfter < 1) {
      throw new IllegalArgumentException("giveUpAfter must be at least 1, was " + giveUpAfter);
    }
    return () -> {
      ActivityInfo info = Activity.getExecutionContext().getInfo();
      int allowed =
          info.getRetryOptions() == null ? 0 : info.getRetryOptions().getMaximumAttempts();
      int limit = allowed > 0 ? Math.min(allowed, giveUpAfter) : giveUpAfter;
      return info.getAttempt() >= limit;
    };
  }
}
