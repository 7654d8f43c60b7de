package io.keyward.workflows.signin;

import java.time.Instant;
import java.util.Objects;

/**
 * How many sign-ins failed under one key in a row, and when the last one did.
 *
 * @param failures at least 1
 */
public record FailureCount(int failures, Instant last) {
  public FailureCount {
    if (failures < 1) {
      throw new IllegalArgumentException("a failure count starts at 1, was " + failures);
    }
    Objects.requireNonNull(last, "last");
  }
}
