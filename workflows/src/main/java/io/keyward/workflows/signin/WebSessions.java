package io.keyward.workflows.signin;

import java.time.Instant;
import java.util.Optional;

/**
 * The signed-in sessions of the web pages, kept where every API replica sees them, so that a person
 * signed in at one replica is signed in at all of them and a restart signs nobody out. The web
 * pages decide how long a session lives; the store keeps it until then.
 *
 * <p>Contract for an implementation:
 *
 * <ul>
 *   <li>A session id is a secret bearer token: the store keeps only a one-way hash of it, so that
 *       someone who can read the store cannot present a session of somebody else.
 *   <li>A session whose {@code expiresAt} is not after {@code now} is gone: {@link #find} returns
 *       empty. Expired sessions may be deleted at any time.
 *   <li>{@link #close} deletes the session at once, for every replica.
 *   <li>{@link #open} keeps at most {@code keepAtMost} sessions, dropping those used longest ago,
 *       so that a flood of sign-ins cannot fill the database.
 *   <li>A notice kept for a session is taken once, by whichever replica serves the next page.
 * </ul>
 *
 * <p>It is one of the {@link io.keyward.workflows.stores.Stores}, which closes it.
 */
public interface WebSessions {
  /** Keeps a new session under {@code id}, which must not be in use. */
  void open(String id, WebSession session, int keepAtMost);

  /** The session under {@code id} that has not expired by {@code now}; empty otherwise. */
  Optional<WebSession> find(String id, Instant now);

  /** Records that the session was used at {@code at}; it now expires at {@code expiresAt}. */
  void seen(String id, Instant at, Instant expiresAt);

  /** Ends the session under {@code id}; unknown ids are ignored. */
  void close(String id);

  /** Keeps a one-line message for the next page of the session, replacing an earlier one. */
  void keepNotice(String id, PageNotice notice);

  /** The message kept for the session, removed; empty when there is none. */
  Optional<PageNotice> takeNotice(String id);

  /** How many sessions have not expired by {@code now}. */
  int count(Instant now);

  /**
   * A message for the next page a person sees.
   *
   * @param kind what the page makes of it (the web pages' own names)
   * @param text the words shown; an implementation may cut very long ones
   */
  record PageNotice(String kind, String text) {}
}
