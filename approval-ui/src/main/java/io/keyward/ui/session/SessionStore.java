package io.keyward.ui.session;

import io.keyward.workflows.directory.DirectoryUser;
import io.keyward.workflows.signin.WebSession;
import io.keyward.workflows.signin.WebSessions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The signed-in sessions of the web pages, kept in the shared database ({@link WebSessions}), so
 * that a session signed in at one API replica works at every other and survives a restart. A
 * session ends after {@code idleTimeout} without a request, after {@code maxAge} in any case, or at
 * sign-out, at every replica at once. Ids and CSRF tokens are 256 random bits each; the database
 * keeps only a hash of the id. At most {@code maxSessions} live at once; beyond that the one idle
 * longest is dropped, so a flood of sign-ins cannot fill the database.
 *
 * <p>A request records the session as used only when the last record is more than {@link
 * #SEEN_EVERY} old, so that a page polling every few seconds does not write every time; an idle
 * session may therefore end up to that much before its idle timeout.
 */
public final class SessionStore {
  /** How often a session in use is written back. */
  static final Duration SEEN_EVERY = Duration.ofMinutes(1);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final WebSessions sessions;
  private final Duration idleTimeout;
  private final Duration maxAge;
  private final int maxSessions;
  private final Clock clock;

  public SessionStore(
      WebSessions sessions, Duration idleTimeout, Duration maxAge, int maxSessions, Clock clock) {
    if (idleTimeout.isNegative() || idleTimeout.isZero() || maxAge.compareTo(idleTimeout) < 0) {
      throw new IllegalArgumentException(
          "sessions need a positive idle timeout no longer than their maximum age");
    }
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be at least 1, was " + maxSessions);
    }
    this.sessions = sessions;
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
    String id = randomToken();
    WebSession session =
        new WebSession(randomToken(), user, now, authenticatedAt, now, expiry(now, now));
    sessions.open(id, session, maxSessions);
    return new UiSession(id, session, sessions);
  }

  /** The live session with this id, marked as seen now; empty when unknown or expired. */
  public Optional<UiSession> find(String id) {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Optional<WebSession> found = sessions.find(id, now);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    WebSession session = found.get();
    if (!now.isBefore(session.lastSeen().plus(SEEN_EVERY))) {
      sessions.seen(id, now, expiry(session.signedInAt(), now));
    }
    return Optional.of(new UiSession(id, session, sessions));
  }

  /** Ends the session at every replica; a later {@link #find} of its id finds nothing. */
  public void close(UiSession session) {
    sessions.close(session.id());
  }

  /** How many sessions are live now. */
  public int size() {
    return sessions.count(clock.instant());
  }

  /** A fresh 256-bit random value in URL-safe base64, for ids and tokens. */
  public static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The end of the idle timeout after {@code lastSeen}, or of the maximum age, the earlier. */
  private Instant expiry(Instant signedInAt, Instant lastSeen) {
    Instant idle = lastSeen.plus(idleTimeout);
    Instant old = signedInAt.plus(maxAge);
    return idle.isBefore(old) ? idle : old;
  }
}
