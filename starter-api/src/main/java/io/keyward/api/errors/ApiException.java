package io.keyward.api.errors;

import java.time.Duration;
import java.util.Optional;

/**
 * A refusal the API answers with a specific HTTP status; the message is shown to the caller as is,
 * so it must say what is wrong in words a person understands and hold no secret.
 */
public abstract class ApiException extends RuntimeException {
  private final int status;

  protected ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** How long the caller should wait before trying again ({@code Retry-After}); empty if at all. */
  public Optional<Duration> retryAfter() {
    return Optional.empty();
  }
}
