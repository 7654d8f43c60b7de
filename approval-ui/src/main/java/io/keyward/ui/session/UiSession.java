package io.keyward.ui.session;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.directory.DirectoryUser;
import io.keyward.workflows.signin.WebSession;
import io.keyward.workflows.signin.WebSessions;
import io.keyward.workflows.signin.WebSessions.PageNotice;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;

/**
 * One signed-in person in the browser. The session id travels only in the HttpOnly cookie; the CSRF
 * token is written into every form of the pages and must come back with every POST, so a page of
 * another site cannot act in this person's name. Neither value appears in a log or a message.
 *
 * <p>A view of the session as {@link WebSessions} keeps it, read for one request; its notice is
 * kept there too, so the page after a redirect shows it whichever replica serves it.
 */
public final class UiSession {
  private final String id;
  private final WebSession session;
  private final WebSessions store;

  UiSession(String id, WebSession session, WebSessions store) {
    this.id = Objects.requireNonNull(id);
    this.session = Objects.requireNonNull(session);
    this.store = Objects.requireNonNull(store);
  }

  String id() {
    return id;
  }

  public DirectoryUser user() {
    return session.user();
  }

  /** The person as the ceremonies see them; every decision from a page is taken as this actor. */
  public Actor actor() {
    return user().toActor();
  }

  public boolean holds(Role role) {
    return user().roles().contains(role);
  }

  /** The token the pages put into their forms. */
  public String csrfToken() {
    return session.csrfToken();
  }

  /** Whether {@code presented} is this session's CSRF token, compared in constant time. */
  public boolean acceptsCsrfToken(String presented) {
    return presented != null
        && MessageDigest.isEqual(
            csrfToken().getBytes(StandardCharsets.UTF_8),
            presented.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * When the person last proved who they are: the password sign-in, or the identity provider's
   * {@code auth_time}; null when the provider did not say. Decisions that need a step-up check it.
   */
  public Instant authenticatedAt() {
    return session.authenticatedAt();
  }

  /** Keeps a message for the next page this person sees (after a POST that redirects). */
  public void notice(Notice message) {
    store.keepNotice(id, new PageNotice(message.kind().name(), message.text()));
  }

  /** The message kept for this page, once; null when there is none. */
  public Notice takeNotice() {
    return store
        .takeNotice(id)
        .map(kept -> new Notice(Notice.Kind.valueOf(kept.kind()), kept.text()))
        .orElse(null);
  }

  @Override
  public String toString() {
    return "UiSession[user=" + user().id() + "]";
  }
}
