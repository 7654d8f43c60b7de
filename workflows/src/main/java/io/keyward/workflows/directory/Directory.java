package io.keyward.workflows.directory;

import io.keyward.workflows.common.Role;
import java.util.List;
import java.util.Optional;

/**
 * Who the people are and which roles they hold (runbook 4.2). A users file in dev; the identity
 * provider in production.
 */
public interface Directory {
  /** The user when the password matches; empty for an unknown user or a wrong password alike. */
  Optional<DirectoryUser> authenticate(String username, char[] password);

  Optional<DirectoryUser> find(String username);

  /** Everyone who holds the role, for notifications and escalations. */
  List<DirectoryUser> holdersOf(Role role);
}
