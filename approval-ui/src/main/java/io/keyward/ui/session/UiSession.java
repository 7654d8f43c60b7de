package io.keyward.ui.session;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.directory.DirectoryUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One signed-in person in the browser. The session id travels only in the HttpOnly cookie; the CSRF
 * token is written into every form of the pages and must come back with every POST, so a page of
 * another site cannot act in this person's name. Neither value appears in a log or a message.
 */
public final class UiSession {
  private final String id;
  private final String csrfToken;
  private final DirectoryUser user;
  private final Instant signedInAt;
  private final Instant authenticatedAt;
  private volatile Instant lastSeen;
  private final AtomicReference<Notice> notice = new AtomicReference<>();

  UiSession(
      String id,
      String csrfToken,
      DirectoryUser user,
      Instant signedInAt,
      Instant authenticatedAt) {
    this.id = Objects.requireNonNull(id);
    this.csrfToken = Objects.requireNonNull(csrfToken);
    this.user = Objects.requireNonNull(user);
    this.signedInAt = signedInAt;
    this.authenticatedAt = authenticatedAt;
    this.lastSeen = signedInAt;
  }

  String id() {
    return id;
  }

  public DirectoryUser user() {
    return user;
  }

  /** The person as the ceremonies see them; every decision from a page is taken as this actor. */
  public Actor actor() {
    return user.toActor();
  }

  public boolean holds(Role role) {
    return user.roles().contains(role);
  }

  /** The token the pages put into their forms. */
  public String csrfToken() {
    return csrfToken;
  }

  /** Whether {@code presented} is this session's CSRF token, compared in constant time. */
  public boolean acceptsCsrfToken(String presented) {
    return presented != null
        && MessageDigest.isEqual(
            csrfToken.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  Instant signedInAt() {
    return signedInAt;
  }

  /**
   * When the person last proved who they are: the password sign-in, or the identity provider's
   * {@code auth_time}; null when the provider did not say. Decisions that need a step-up check it.
   */
  public Instant authenticatedAt() {
    return authenticatedAt;
  }

  Instant lastSeen() {
    return lastSeen;
  }

  void seenAt(Instant at) {
    this.lastSeen = at;
  }

  /** Keeps a message for the next page this person sees (after a POST that redirects). */
  public void notice(Notice message) {
    notice.set(message);
  }

  /** The message kept for this page, once; null when there is none. */
  public Notice takeNotice() {
    return notice.getAndSet(null);
  }

  @Override
  public String toString() {
    return "UiSession[user=" + user.id() + "]";
  }
}
