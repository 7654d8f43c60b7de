package io.keyward.activities.stores;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.keyward.activities.audit.AuditKeyFile;
import io.keyward.activities.audit.AuditMac;
import io.keyward.workflows.integration.Secret;
import io.keyward.workflows.stores.DatabaseSettings;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Connects to the stores' database: a HikariCP pool on the configured JDBC URL, or on the embedded
 * H2 database in the data directory, and the Flyway migrations in {@code db/keyward} that both run.
 *
 * <p>The embedded database is H2 in PostgreSQL mode, as a file in {@code <data>/db}: it needs
 * nothing installed, runs the same SQL and the same migrations as PostgreSQL, and with {@code
 * AUTO_SERVER} a second process (the {@code VerifyAuditTrail} command while dev mode runs, a second
 * worker) reaches the same file through the first process.
 */
final class StoreDatabase {
  /** Where the migrations are on the class path. */
  static final String MIGRATIONS = "classpath:db/keyward";

  private StoreDatabase() {}

  /** The key that authenticates the audit trail: configured, or the embedded database's file. */
  static AuditMac auditMac(DatabaseSettings settings, boolean createKeyFile) {
    if (settings.auditKey() != null) {
      return new AuditMac(settings.auditKey());
    }
    Secret key =
        createKeyFile
            ? AuditKeyFile.loadOrCreate(settings.dataDir())
            : AuditKeyFile.load(settings.dataDir());
    return new AuditMac(key);
  }

  /**
   * A pool on the database; {@code mustExist} refuses to create an embedded database that is not
   * there (for commands that only read).
   */
  static HikariDataSource pool(DatabaseSettings settings, AuditMac mac, boolean mustExist) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("keyward-stores");
    config.setMaximumPoolSize(settings.maxPoolSize());
    config.setMinimumIdle(1);
    // A dead database fails a request or an activity within seconds, which then retries.
    config.setConnectionTimeout(10_000);
    if (settings.isEmbedded()) {
      config.setJdbcUrl(embeddedUrl(settings.dataDir(), mustExist));
      config.setUsername("keyward");
      // Derived from the audit key, so the database file alone opens nothing.
      config.setPassword(mac.derivedSecret("embedded-database-password"));
    } else {
      config.setJdbcUrl(settings.url());
      config.setUsername(settings.user());
      if (settings.password() != null) {
        config.setPassword(settings.password().text());
      }
    }
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot connect to the " + settings.describe() + ": " + rootMessage(e), e);
    }
  }

  /** Brings the schema up to date; several processes may start at once (Flyway locks). */
  static void migrate(HikariDataSource pool, DatabaseSettings settings) {
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations(MIGRATIONS)
          .table("keyward_schema_history")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new IllegalStateException(
          "cannot migrate the " + settings.describe() + ": " + rootMessage(e), e);
    }
  }

  /**
   * H2 in PostgreSQL mode, as a file in {@code <data>/db}; {@code AUTO_SERVER} lets a second
   * process in.
   */
  static String embeddedUrl(Path dataDir, boolean mustExist) {
    Path file = dataDir.toAbsolutePath().normalize().resolve("db").resolve("keyward");
    String path = file.toString();
    if (path.contains(";")) {
      throw new IllegalArgumentException("the data directory must not contain ';': " + dataDir);
    }
    return "jdbc:h2:file:"
        + path
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
        + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=30000"
        + (mustExist ? ";IFEXISTS=TRUE" : "");
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
