package io.keyward.api.auth;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.directory.DirectoryUser;
import java.security.Principal;
import java.time.Instant;
import java.util.Objects;

/**
 * The person a request was authenticated as. Every identity that reaches a workflow (requester,
 * decider) is taken from here, never from the request body.
 *
 * @param authenticatedAt when the person last proved who they are (a password sent with the
 *     request, a token's {@code auth_time}); null when unknown, which no step-up accepts
 */
public record KeywardPrincipal(DirectoryUser user, Instant authenticatedAt) implements Principal {
  public KeywardPrincipal {
    Objects.requireNonNull(user, "user");
  }

  @Override
  public String getName() {
    return user.id();
  }

  public Actor actor() {
    return user.toActor();
  }
}
