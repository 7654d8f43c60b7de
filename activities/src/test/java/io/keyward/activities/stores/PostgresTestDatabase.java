package io.keyward.activities.stores;

import static org.junit.jupiter.api.Assertions.fail;

import io.keyward.workflows.integration.Secret;
import io.keyward.workflows.stores.DatabaseSettings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL, named by {@code KEYWARD_TEST_JDBC_URL} (with {@code KEYWARD_TEST_JDBC_USER}
 * and {@code KEYWARD_TEST_JDBC_PASSWORD}); each test gets a schema of its own, dropped after it.
 * Without the URL the tests are skipped on a laptop, but fail when {@code CI=true}: on CI the
 * PostgreSQL path must run, never pass by not running ({@code .ci/run} starts one).
 */
final class PostgresTestDatabase implements TestDatabase {
  private final String url;
  private final String user;
  private final String password;
  private String schema;

  private PostgresTestDatabase(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  /** The server of the environment, or a skipped (laptop) or failed (CI) test. */
  static PostgresTestDatabase required() {
    String url = System.getenv("KEYWARD_TEST_JDBC_URL");
    if (url == null || url.isBlank()) {
      String missing =
          "no PostgreSQL: set KEYWARD_TEST_JDBC_URL (and KEYWARD_TEST_JDBC_USER,"
              + " KEYWARD_TEST_JDBC_PASSWORD), as .ci/run does";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(missing + " (CI=true, so the PostgreSQL conformance tests must run)");
      }
      Assumptions.abort(missing);
    }
    return new PostgresTestDatabase(
        url, System.getenv("KEYWARD_TEST_JDBC_USER"), System.getenv("KEYWARD_TEST_JDBC_PASSWORD"));
  }

  @Override
  public DatabaseSettings fresh(Path dir) throws SQLException {
    schema = "conformance_" + UUID.randomUUID().toString().replace("-", "");
    execute("CREATE SCHEMA " + schema);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return DatabaseSettings.server(
        url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
        user,
        password == null || password.isEmpty() ? null : Secret.ofText(password),
        Secret.ofText(HexFormat.of().formatHex(key)));
  }

  @Override
  public Map<String, String> environment(DatabaseSettings settings) {
    return Map.of(
        "KEYWARD_DATABASE_URL",
        settings.url(),
        "KEYWARD_DATABASE_USER",
        user == null ? "" : user,
        "KEYWARD_DATABASE_PASSWORD",
        password == null ? "" : password,
        "KEYWARD_AUDIT_KEY",
        settings.auditKey().text());
  }

  @Override
  public void close() throws SQLException {
    if (schema != null) {
      execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
