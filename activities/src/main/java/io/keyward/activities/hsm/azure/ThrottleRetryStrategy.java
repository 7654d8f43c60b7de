package io.keyward.activities.hsm.azure;

import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.RetryStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The SDK's retries, bounded so a worker never sleeps long: a throttled (429) or failing (408, 5xx)
 * request is retried after the service's Retry-After, but only while that wait is at most {@code
 * maxRetryAfter} and retries remain. Past that the response goes back to the provider, which
 * reports throttling as {@link io.keyward.activities.hsm.ProviderThrottledException} so Temporal
 * retries the activity after the Retry-After, with no thread held.
 */
final class ThrottleRetryStrategy implements RetryStrategy {
  private static final Duration BASE_DELAY = Duration.ofMillis(500);

  private final int maxRetries;
  private final Duration maxRetryAfter;

  ThrottleRetryStrategy(int maxRetries, Duration maxRetryAfter) {
    this.maxRetries = maxRetries;
    this.maxRetryAfter = maxRetryAfter;
  }

  @Override
  public int getMaxRetries() {
    return maxRetries;
  }

  /** Used only when the response names no Retry-After: 0.5 s, 1 s, 2 s, ... */
  @Override
  public Duration calculateRetryDelay(int retryAttempts) {
    return BASE_DELAY.multipliedBy(1L << Math.min(retryAttempts, 6));
  }

  @Override
  public boolean shouldRetry(HttpResponse response) {
    if (!RetryStrategy.super.shouldRetry(response)) {
      return false;
    }
    Optional<Duration> wait = RetryAfter.from(response.getHeaders(), Instant.now());
    return wait.isEmpty() || wait.get().compareTo(maxRetryAfter) <= 0;
  }
}
