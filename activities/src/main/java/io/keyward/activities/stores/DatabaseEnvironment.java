package io.keyward.activities.stores;

import io.keyward.workflows.integration.Secret;
import io.keyward.workflows.integration.SecretFiles;
import io.keyward.workflows.integration.SecretSource;
import io.keyward.workflows.stores.DatabaseSettings;
import java.nio.file.Path;
import java.util.Map;

/**
 * The database settings of a process configured by its environment (the worker, the commands):
 *
 * <ul>
 *   <li>{@code KEYWARD_DATABASE_URL}: the JDBC URL, e.g. {@code jdbc:postgresql://db:5432/keyward};
 *       unset, the embedded database in the data directory
 *   <li>{@code KEYWARD_DATABASE_USER}, {@code KEYWARD_DATABASE_PASSWORD} (or {@code
 *       KEYWARD_DATABASE_PASSWORD_FILE})
 *   <li>{@code KEYWARD_AUDIT_KEY} (or {@code KEYWARD_AUDIT_KEY_FILE}): the audit trail's HMAC key,
 *       required with a URL; unset with the embedded database, its key file in the data directory
 *   <li>{@code KEYWARD_DATABASE_POOL_SIZE}: connections held open (default {@value
 *       DatabaseSettings#DEFAULT_POOL_SIZE})
 * </ul>
 */
public final class DatabaseEnvironment {
  public static final String URL = "KEYWARD_DATABASE_URL";
  public static final String USER = "KEYWARD_DATABASE_USER";
  public static final String PASSWORD = "KEYWARD_DATABASE_PASSWORD";
  public static final String AUDIT_KEY = "KEYWARD_AUDIT_KEY";
  public static final String POOL_SIZE = "KEYWARD_DATABASE_POOL_SIZE";

  private DatabaseEnvironment() {}

  /**
   * @throws IllegalArgumentException when a setting is malformed or a required secret is missing
   */
  public static DatabaseSettings settings(
      Map<String, String> environment, Path dataDir, SecretFiles files) {
    Secret password =
        SecretSource.fromEnvironment("the database password", PASSWORD, environment)
            .resolve(environment, files)
            .orElse(null);
    Secret auditKey =
        SecretSource.fromEnvironment("the audit key", AUDIT_KEY, environment)
            .resolve(environment, files)
            .orElse(null);
    String url = environment.get(URL);
    String poolSize = environment.get(POOL_SIZE);
    return new DatabaseSettings(
        url,
        environment.get(USER),
        password,
        auditKey,
        url == null || url.isBlank() ? dataDir : null,
        poolSize == null || poolSize.isBlank()
            ? DatabaseSettings.DEFAULT_POOL_SIZE
            : Integer.parseInt(poolSize.strip()));
  }
}
