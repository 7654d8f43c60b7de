package io.keyward.api.auth;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.directory.DirectoryUser;
import java.security.Principal;
import java.util.Objects;

/**
 * The person a request was authenticated as. Every identity that reaches a workflow (requester,
 * decider) is taken from here, never from the request body.
 */
public record KeywardPrincipal(DirectoryUser user) implements Principal {
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
