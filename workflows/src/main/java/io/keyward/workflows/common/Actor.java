package io.keyward.workflows.common;

import java.util.Objects;
import java.util.Set;

/**
 * An authenticated person as the API saw them: their directory id and the roles the directory gives
 * them. Built only from the authenticated principal, never from a request body.
 */
public record Actor(String id, Set<Role> roles) {
  public Actor {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("actor id must not be blank");
    }
    roles = roles == null ? Set.of() : Set.copyOf(roles);
  }

  public boolean holdsAny(Set<Role> wanted) {
    return wanted.stream().anyMatch(roles::contains);
  }
}
