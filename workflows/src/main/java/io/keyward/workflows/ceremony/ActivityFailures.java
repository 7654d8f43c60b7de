package io.keyward.workflows.ceremony;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;

/** Turns activity failures into short sentences for timelines and alerts, and tells their kind. */
public final class ActivityFailures {
  private ActivityFailures() {}

  /** e.g. {@code ProviderThrottled: slow down} or {@code timed out (START_TO_CLOSE)}. */
  public static String describe(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof ApplicationFailure app) {
      return app.getType() + ": " + app.getOriginalMessage();
    }
    if (cause instanceof TimeoutFailure timeout) {
      return "timed out (" + timeout.getTimeoutType().name().replace("TIMEOUT_TYPE_", "") + ")";
    }
    return cause == null ? failure.getMessage() : cause.getClass().getSimpleName();
  }

  /** True when the failure is an application failure of one of {@code types}. */
  public static boolean isOfType(ActivityFailure failure, String... types) {
    if (failure.getCause() instanceof ApplicationFailure app) {
      for (String type : types) {
        if (type.equals(app.getType())) {
          return true;
        }
      }
    }
    return false;
  }
}
