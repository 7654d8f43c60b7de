package io.keyward.workflows.lifecycle;

import java.time.Duration;

/**
 * Which keys a reconciliation run enrols: those whose version in use expires within {@code
 * lookahead}. The default covers the 30-day rotation lead plus the week until the next weekly run.
 */
public record ReconciliationRequest(Duration lookahead, String requestedBy) {
  public static final Duration DEFAULT_LOOKAHEAD = Duration.ofDays(37);

  public ReconciliationRequest {
    if (lookahead == null) {
      lookahead = DEFAULT_LOOKAHEAD;
    }
    if (lookahead.isNegative()) {
      throw new IllegalArgumentException("lookahead must not be negative");
    }
  }

  /** The weekly run of the schedule. */
  public static ReconciliationRequest weekly() {
    return new ReconciliationRequest(DEFAULT_LOOKAHEAD, "schedule");
  }
}
