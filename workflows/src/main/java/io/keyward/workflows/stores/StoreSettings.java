package io.keyward.workflows.stores;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the stores are, as the API's configuration says ({@code audit.file}, {@code
 * access.grantsFile}, {@code directory.usersFile}). A {@link StoreProvider} reads what it needs and
 * ignores the rest.
 *
 * @param auditFile the hash-chained audit trail; the data directory around it holds the other
 *     stores unless they are named
 * @param grantsFile the break-glass grants, or null for the default beside the audit trail
 * @param usersFile the directory's users file, or null when there is none
 * @param demoUsers without a users file, whether the demo users shipped with Keyward (public
 *     passwords) may sign in; without either, opening the directory fails
 */
public record StoreSettings(Path auditFile, Path grantsFile, Path usersFile, boolean demoUsers) {
  public StoreSettings {
    Objects.requireNonNull(auditFile, "auditFile");
  }
}
