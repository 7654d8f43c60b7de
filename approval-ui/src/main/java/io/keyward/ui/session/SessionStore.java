package io.keyward.ui.session;

import io.keyward.workflows.directory.DirectoryUser;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signed-in sessions of the web pages, in this process's memory: a restart signs everyone out,
 * and several API replicas need sticky sessions. A session ends after {@code idleTimeout} without a
 * request, after {@code maxAge} in any case, or at sign-out. Ids and CSRF tokens are 256 random
 * bits each. At most {@code maxSessions} live at once; beyond that the one idle longest is dropped,
 * so a flood of sign-ins cannot exhaust memory.
 */
public final class SessionStore {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, UiSession> sessions = new ConcurrentHashMap<>();
  private final Duration idleTimeout;
  private final Duration maxAge;
  private final int maxSessions;
  private final Clock clock;

  public SessionStore(Duration idleTimeout, Duration maxAge, int maxSessions, Clock clock) {
    if (idleTimeout.isNegative() || idleTimeout.isZero() || maxAge.compareTo(idleTimeout) < 0) {
      throw new IllegalArgumentException(
          "sessions need a positive idle timeout no longer than their maximum age");
    }
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be at least 1, was " + maxSessions);
    }
    this.idleTimeout = idleTimeout;
    this.maxAge = maxAge;
    this.maxSessions = maxSessions;
    this.clock = clock;
  }

  /** Starts a new session for a person who just proved who they are, with a password. */
  public UiSession open(DirectoryUser user) {
    return open(user, clock.instant());
  }

  /**
   * Starts a new session for a person who just signed in, whose authentication happened at {@code
   * authenticatedAt} (null: unknown); never reuses an id.
   */
  public UiSession open(DirectoryUser user, Instant authenticatedAt) {
    Instant now = clock.instant();
    dropExpired(now);
    while (sessions.size() >= maxSessions) {
      sessions.values().stream()
          .min(Comparator.comparing(UiSession::lastSeen))
          .ifPresent(oldest -> sessions.remove(oldest.id()));
    }
    UiSession session = new UiSession(randomToken(), randomToken(), user, now, authenticatedAt);
    sessions.put(session.id(), session);
    return session;
  }

  /** The live session with this id, marked as seen now; empty when unknown or expired. */
  public Optional<UiSession> find(String id) {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    UiSession session = sessions.get(id);
    if (session == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (expired(session, now)) {
      sessions.remove(id, session);
      return Optional.empty();
    }
    session.seenAt(now);
    return Optional.of(session);
  }

  /** Ends the session; a later {@link #find} of its id finds nothing. */
  public void close(UiSession session) {
    sessions.remove(session.id(), session);
  }

  /** How many sessions are live now. */
  public int size() {
    dropExpired(clock.instant());
    return sessions.size();
  }

  /** A fresh 256-bit random value in URL-safe base64, for ids and tokens. */
  public static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private boolean expired(UiSession session, Instant now) {
    return !now.isBefore(session.lastSeen().plus(idleTimeout))
        || !now.isBefore(session.signedInAt().plus(maxAge));
  }

  private void dropExpired(Instant now) {
    sessions.values().removeIf(session -> expired(session, now));
  }
}
