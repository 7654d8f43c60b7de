package io.keyward.workflows.hsm;

import java.time.Duration;
import java.time.Instant;

/**
 * Turns for calls a key provider limits by rate (Azure Key Vault: 10 HSM key creations per 10
 * seconds per vault), counted in the database every worker shares, so that all worker processes
 * together stay within the limit, not each one alone.
 *
 * <p>Every implementation keeps this contract, whatever the number of callers and processes:
 *
 * <ul>
 *   <li>the turns given on one {@code bucket} are in the order they were given, and no window of
 *       {@code window} (closed at its start, open at its end) holds more than {@code limit} of
 *       them;
 *   <li>a turn is the earliest moment that keeps this, and never before the {@code now} its caller
 *       gave: when the limit's turns are all taken, the turn lies ahead, and the caller waits for
 *       it;
 *   <li>a turn further ahead than {@code maxWait} is not given, and the answer says when it is.
 *       With a {@code holder}, the turn is kept for it: the same holder asking again gets that turn
 *       (given once it is {@code maxWait} away or less), so a caller sent away comes back to its
 *       place in line instead of racing the others again; a kept turn its holder missed by more
 *       than {@link #STALE} is never given and counts for nothing, and the holder gets a new one.
 *       Without a holder nothing is recorded.
 * </ul>
 *
 * <p>Callers pass their own clock's {@code now}: the worker processes' clocks must agree (NTP) to
 * well within the window.
 */
@FunctionalInterface
public interface ProviderRateLimits {
  /** How late a holder may come back for its kept turn and still take it. */
  Duration STALE = Duration.ofSeconds(1);

  /**
   * Takes the next turn on {@code bucket}, or none when it is further ahead than {@code maxWait}.
   *
   * @param bucket what the limit counts, e.g. {@code create/kv-orders}: 1 to 200 characters
   * @param holder who asks, the same on every retry of one call (e.g. the call's idempotency key),
   *     1 to 200 characters; or null
   * @param limit turns at most in any {@code window}, at least 1
   * @param window positive
   * @param now the caller's time
   * @param maxWait how far ahead a turn may be given, not negative
   * @throws IllegalArgumentException when an argument is out of range
   * @throws IllegalStateException when the store cannot be reached (the call is retried)
   */
  Turn take(
      String bucket, String holder, int limit, Duration window, Instant now, Duration maxWait);

  /**
   * A turn: given, at {@code at} (which may be ahead of the caller's {@code now}), or not given,
   * with {@code at} when it would have been.
   */
  record Turn(boolean given, Instant at) {
    /** How long from {@code now} until the turn; zero when it is already there. */
    public Duration waitFrom(Instant now) {
      Duration wait = Duration.between(now, at);
      return wait.isNegative() ? Duration.ZERO : wait;
    }
  }
}
