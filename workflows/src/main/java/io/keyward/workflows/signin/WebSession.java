package io.keyward.workflows.signin;

import io.keyward.workflows.directory.DirectoryUser;
import java.time.Instant;
import java.util.Objects;

/**
 * A person signed in to the web pages, as {@link WebSessions} keeps it. The session's id is not
 * part of it: only the browser holds the id, the store keeps its hash.
 *
 * @param csrfToken the token every form of this session carries; useless without the session's id
 * @param user who signed in, with the roles they held then
 * @param signedInAt when the session started
 * @param authenticatedAt when the person last proved who they are, or null when unknown
 * @param lastSeen when the session was last used, as the store last recorded it
 * @param expiresAt when the session ends unless it is used again before
 */
public record WebSession(
    String csrfToken,
    DirectoryUser user,
    Instant signedInAt,
    Instant authenticatedAt,
    Instant lastSeen,
    Instant expiresAt) {
  public WebSession {
    Objects.requireNonNull(csrfToken, "csrfToken");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(signedInAt, "signedInAt");
    Objects.requireNonNull(lastSeen, "lastSeen");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    return "WebSession[user=" + user.id() + ", expiresAt=" + expiresAt + "]";
  }
}
