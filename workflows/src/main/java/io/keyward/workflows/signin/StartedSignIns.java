package io.keyward.workflows.signin;

import java.time.Instant;
import java.util.Optional;

/**
 * The sign-ins sent to the identity provider and not back yet, kept where every API replica sees
 * them, so that the provider may send the browser back to any replica. Each is kept under a random
 * token that only the browser that started it holds.
 *
 * <p>Contract for an implementation:
 *
 * <ul>
 *   <li>The store keeps only a one-way hash of the token.
 *   <li>{@link #take} answers a sign-in once: of two replicas taking the same token at once, one
 *       gets it and the other gets empty.
 *   <li>A sign-in whose {@code expiresAt} is not after {@code now} is gone. Expired ones may be
 *       deleted at any time.
 *   <li>{@link #keep} keeps at most {@code keepAtMost}, dropping the oldest.
 * </ul>
 *
 * <p>It is one of the {@link io.keyward.workflows.stores.Stores}, which closes it.
 */
public interface StartedSignIns {
  /** Keeps {@code signIn} under {@code token} until {@code expiresAt}. */
  void keep(String token, StartedSignIn signIn, Instant expiresAt, int keepAtMost);

  /** The sign-in kept under {@code token}, removed; empty when unknown, taken or expired. */
  Optional<StartedSignIn> take(String token, Instant now);
}
