package io.keyward.ui.session;

import io.keyward.api.identity.PendingSignIn;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sign-ins sent to the identity provider and not back yet, in this process's memory, each under
 * a random token that only the browser that started it holds (in an HttpOnly cookie). Each is taken
 * once; it expires after {@code timeout}. At most {@code max} wait at once; beyond that the oldest
 * is dropped, so a flood of started sign-ins cannot exhaust memory.
 */
public final class PendingSignIns {
  private final Map<String, PendingSignIn> pending = new ConcurrentHashMap<>();
  private final Duration timeout;
  private final int max;
  private final Clock clock;

  public PendingSignIns(Duration timeout, int max, Clock clock) {
    this.timeout = timeout;
    this.max = max;
    this.clock = clock;
  }

  /** Keeps {@code signIn}; answers the token the browser must bring back. */
  public String keep(PendingSignIn signIn) {
    pending.values().removeIf(this::expired);
    while (pending.size() >= max) {
      pending.entrySet().stream()
          .min(Comparator.comparing(entry -> entry.getValue().startedAt()))
          .ifPresent(oldest -> pending.remove(oldest.getKey(), oldest.getValue()));
    }
    String token = SessionStore.randomToken();
    pending.put(token, signIn);
    return token;
  }

  /** The sign-in kept under {@code token}, removed; empty when unknown, taken or expired. */
  public Optional<PendingSignIn> take(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    PendingSignIn found = pending.remove(token);
    return found == null || expired(found) ? Optional.empty() : Optional.of(found);
  }

  private boolean expired(PendingSignIn signIn) {
    return !clock.instant().isBefore(signIn.startedAt().plus(timeout));
  }
}
