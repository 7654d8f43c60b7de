package io.keyward.api.auth;

import io.keyward.workflows.common.Role;
import io.keyward.workflows.directory.Directory;
import io.keyward.workflows.directory.DirectoryUser;
import java.util.List;
import java.util.Optional;

/**
 * The directory when people sign in through the identity provider alone (no users file): nobody
 * signs in with a password, and nobody is known outside a sign-in, so Slack and ServiceNow users
 * map to no one and notifications go to channels, not to people.
 */
public final class NoPasswordUsers implements Directory {
  @Override
  public Optional<DirectoryUser> authenticate(String username, char[] password) {
    return Optional.empty();
  }

  @Override
  public Optional<DirectoryUser> find(String username) {
    return Optional.empty();
  }

  @Override
  public List<DirectoryUser> holdersOf(Role role) {
    return List.of();
  }
}
