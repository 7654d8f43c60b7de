package io.keyward.activities.hsm.azure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Key Vault's limit on key creations in one vault: at most 10 HSM keys and 20 software keys in any
 * 10 seconds (service limits, "Key transactions ... per vault per region"). A creation beyond it is
 * refused with the seconds until the oldest creation of the window leaves it, as Retry-After; a
 * refused creation does not count.
 */
final class StandInCreateLimit {
  static final Duration WINDOW = Duration.ofSeconds(10);
  static final int HSM_CREATES = 10;
  static final int SOFTWARE_CREATES = 20;

  private final Clock clock;
  private final Deque<Instant> hsm = new ArrayDeque<>();
  private final Deque<Instant> software = new ArrayDeque<>();

  StandInCreateLimit(Clock clock) {
    this.clock = clock;
  }

  /** Counts a creation of key type {@code kty}, or refuses it with its Retry-After in seconds. */
  synchronized Optional<Long> refuse(String kty) {
    boolean isHsm = kty != null && kty.endsWith("-HSM");
    Deque<Instant> window = isHsm ? hsm : software;
    int limit = isHsm ? HSM_CREATES : SOFTWARE_CREATES;
    Instant now = clock.instant();
    while (!window.isEmpty() && !window.peekFirst().plus(WINDOW).isAfter(now)) {
      window.removeFirst();
    }
    if (window.size() >= limit) {
      Duration left = Duration.between(now, window.peekFirst().plus(WINDOW));
      return Optional.of(Math.max(1, (left.toMillis() + 999) / 1000));
    }
    window.addLast(now);
    return Optional.empty();
  }
}
