package io.keyward.activities.servicenow;

/**
 * A write-back the ServiceNow instance did not take. {@code retryable} says whether trying again
 * later can help (the instance is down or throttles) or not (unknown ticket, refused credentials).
 * The message names the ticket and the HTTP status, never credentials.
 */
final class TicketFailure extends Exception {
  private final boolean retryable;

  TicketFailure(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  boolean retryable() {
    return retryable;
  }
}
