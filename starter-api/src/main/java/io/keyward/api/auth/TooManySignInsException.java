package io.keyward.api.auth;

import io.keyward.api.errors.ApiException;
import java.time.Duration;
import java.util.Optional;

/**
 * 429: sign-in as this name, or from this address, failed too often lately; the password was not
 * checked. Answered with {@code Retry-After}.
 */
public final class TooManySignInsException extends ApiException {
  private final Duration retryAfter;

  private TooManySignInsException(String message, Duration retryAfter) {
    super(429, message);
    this.retryAfter = retryAfter;
  }

  static TooManySignInsException forName(String name, Duration retryAfter) {
    return new TooManySignInsException(
        "too many failed sign-ins as "
            + name
            + "; sign-in as "
            + name
            + " is refused for another "
            + seconds(retryAfter)
            + " seconds",
        retryAfter);
  }

  static TooManySignInsException forAddress(Duration retryAfter) {
    return new TooManySignInsException(
        "too many failed sign-ins from this address; sign-in from it is refused for another "
            + seconds(retryAfter)
            + " seconds",
        retryAfter);
  }

  @Override
  public Optional<Duration> retryAfter() {
    return Optional.of(retryAfter);
  }

  /** Whole seconds, rounded up, at least 1: what {@code Retry-After} says. */
  public static long seconds(Duration wait) {
    long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }
}
