package io.keyward.api.auth;

import io.keyward.workflows.signin.FailureCount;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long sign-in under one key (a name, an address) is refused after failures: the first {@code
 * free} failures cost nothing; from then on each failure refuses sign-in for {@code first}, doubled
 * with every further failure, at most {@code longest}. A count is forgotten {@code forgetAfter}
 * after its last failure, which must be longer than {@code longest}, so that waiting out the
 * longest refusal does not reset the count.
 */
public record SignInBackoff(int free, Duration first, Duration longest, Duration forgetAfter) {
  public SignInBackoff {
    if (free < 1 || first.isNegative() || first.isZero() || longest.compareTo(first) < 0) {
      throw new IllegalArgumentException(
          "a sign-in backoff needs at least 1 free failure and 0 < first <= longest");
    }
    if (forgetAfter.compareTo(longest) <= 0) {
      throw new IllegalArgumentException(
          "failed sign-ins must be remembered longer than the longest refusal ("
              + longest
              + "), were "
              + forgetAfter);
    }
  }

  /** How long sign-in is still refused at {@code now} after {@code count}; empty when it is not. */
  public Optional<Duration> waitAfter(FailureCount count, Instant now) {
    if (count.failures() < free) {
      return Optional.empty();
    }
    int doublings = Math.min(30, count.failures() - free);
    Duration refusal = first.multipliedBy(1L << doublings);
    Instant until = count.last().plus(refusal.compareTo(longest) > 0 ? longest : refusal);
    return now.isBefore(until) ? Optional.of(Duration.between(now, until)) : Optional.empty();
  }
}
