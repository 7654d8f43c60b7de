package io.keyward.workflows.compromise;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How disabling the key went: when the report was accepted, when the provider confirmed every
 * version disabled, the time between (runbook 12.1 "time to key disable", SLO 15 minutes), and how
 * many attempts it took.
 *
 * @param disabledAt workflow time right after the provider confirmed; null until then
 * @param timeToDisable {@code disabledAt - acceptedAt}; null until disabled
 * @param alertedAfterAttempts the failed attempts after which the security channel was alerted; 0
 *     when no alert was needed
 * @param lastFailure why the last failed attempt failed; null when none failed
 * @param versionsDisabled every version of the key, each confirmed disabled by the provider
 */
public record Disablement(
    Instant acceptedAt,
    Instant disabledAt,
    Duration timeToDisable,
    int attempts,
    int alertedAfterAttempts,
    String lastFailure,
    List<String> versionsDisabled,
    boolean withinSlo) {
  /** Runbook 12.1: incident response time, "time to key disable", under 15 minutes. */
  public static final Duration SLO = Duration.ofMinutes(15);

  public Disablement {
    versionsDisabled = versionsDisabled == null ? List.of() : List.copyOf(versionsDisabled);
  }
}
