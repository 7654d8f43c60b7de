package io.keyward.activities.hsm;

import java.time.Duration;

/** The provider asked to slow down (Key Vault: 429 with Retry-After). Always retryable. */
public class ProviderThrottledException extends RuntimeException {
  private final Duration retryAfter;

  public ProviderThrottledException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
