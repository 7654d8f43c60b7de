package io.keyward.workflows.directory;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import java.util.Set;

/** A person in the directory; carries no password or hash. */
public record DirectoryUser(String id, String displayName, String email, Set<Role> roles) {
  public DirectoryUser {
    roles = Set.copyOf(roles);
  }

  public Actor toActor() {
    return new Actor(id, roles);
  }
}
