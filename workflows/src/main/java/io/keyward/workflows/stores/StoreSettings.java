package io.keyward.workflows.stores;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the stores are, as a process's configuration says: the database that holds the shared state
 * ({@code database}) and the directory's users file ({@code directory.usersFile}). A {@link
 * StoreProvider} reads what it needs and ignores the rest.
 *
 * @param database the database of the audit trail, the grants and the dependency map
 * @param usersFile the directory's users file, or null when there is none
 * @param demoUsers without a users file, whether the demo users shipped with Keyward (public
 *     passwords) may sign in; without either, opening the directory fails
 */
public record StoreSettings(DatabaseSettings database, Path usersFile, boolean demoUsers) {
  public StoreSettings {
    Objects.requireNonNull(database, "database");
  }
}
