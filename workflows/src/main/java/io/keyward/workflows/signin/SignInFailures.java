package io.keyward.workflows.signin;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The failed sign-ins counted per key (a user name, a client address), kept where every API replica
 * sees them, so that a person guessing passwords is slowed down whichever replica they reach. The
 * API decides what a count means (how long to refuse sign-ins); the store only counts.
 *
 * <p>Contract for an implementation:
 *
 * <ul>
 *   <li>{@link #add} is atomic per key: two replicas counting the same key at once both count.
 *   <li>A count whose last failure is older than the {@code forgetAfter} given to {@link #add} or
 *       {@link #current} is gone: {@code add} starts it again at 1, {@code current} returns empty.
 *       Expired counts may be dropped at any time.
 *   <li>Keys are at most 200 characters; an implementation may refuse longer ones with {@link
 *       IllegalArgumentException}. They are not secret, but hold no password.
 *   <li>It may lose counts; it must never invent them.
 * </ul>
 *
 * <p>It is one of the {@link io.keyward.workflows.stores.Stores}, which closes it.
 */
public interface SignInFailures {
  /**
   * The failures counted under {@code key} that are not forgotten by {@code now}; empty if none.
   */
  Optional<FailureCount> current(String key, Instant now, Duration forgetAfter);

  /** Counts one more failure under {@code key} at {@code at}; answers the count with it. */
  FailureCount add(String key, Instant at, Duration forgetAfter);

  /** Forgets the failures counted under {@code key} (after a successful sign-in). */
  void clear(String key);
}
