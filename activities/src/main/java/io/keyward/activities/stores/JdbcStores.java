package io.keyward.activities.stores;

import com.zaxxer.hikari.HikariDataSource;
import io.keyward.activities.access.JdbcAccessGrantStore;
import io.keyward.activities.audit.AuditMac;
import io.keyward.activities.audit.JdbcAuditStore;
import io.keyward.activities.dependencies.JdbcDependencyMap;
import io.keyward.activities.register.JdbcKeyRegister;
import io.keyward.activities.rotation.JdbcProviderRateLimits;
import io.keyward.activities.signin.JdbcSignInFailures;
import io.keyward.activities.signin.JdbcStartedSignIns;
import io.keyward.activities.signin.JdbcWebSessions;
import io.keyward.activities.webauthn.JdbcCredentialStore;
import io.keyward.activities.webauthn.JdbcWebAuthnChallenges;
import io.keyward.workflows.audit.AuditReceipt;
import io.keyward.workflows.audit.ChainVerification;
import io.keyward.workflows.audit.HeldReceipt;
import io.keyward.workflows.stores.DatabaseSettings;
import io.keyward.workflows.stores.Stores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The shared stores of one process on one database, through one connection pool: the audit trail,
 * the break-glass grants, the dependency map, the key register, the counts of failed sign-ins, the
 * web pages' sessions, the OpenID Connect sign-ins under way, people's WebAuthn credentials, the
 * WebAuthn challenges not had back yet and the turns of rate-limited provider calls. {@link #open}
 * migrates the schema first; {@link #close} closes the pool, and with it every store handed out.
 */
public final class JdbcStores implements Stores {
  private final HikariDataSource pool;
  private final DatabaseSettings settings;
  private final JdbcAuditStore audit;
  private final JdbcAccessGrantStore accessGrants;
  private final JdbcDependencyMap dependencyMap;
  private final JdbcSignInFailures signInFailures;
  private final JdbcKeyRegister keyRegister;
  private final JdbcWebSessions webSessions;
  private final JdbcStartedSignIns startedSignIns;
  private final JdbcCredentialStore credentials;
  private final JdbcWebAuthnChallenges webAuthnChallenges;
  private final JdbcProviderRateLimits providerRateLimits;

  private JdbcStores(HikariDataSource pool, DatabaseSettings settings, AuditMac mac) {
    this.pool = pool;
    this.settings = settings;
    this.audit = new JdbcAuditStore(pool, mac, settings.describe());
    this.accessGrants = new JdbcAccessGrantStore(pool);
    this.dependencyMap = new JdbcDependencyMap(pool);
    this.signInFailures = new JdbcSignInFailures(pool);
    this.keyRegister = new JdbcKeyRegister(pool);
    this.webSessions = new JdbcWebSessions(pool);
    this.startedSignIns = new JdbcStartedSignIns(pool);
    this.credentials = new JdbcCredentialStore(pool);
    this.webAuthnChallenges = new JdbcWebAuthnChallenges(pool);
    this.providerRateLimits = new JdbcProviderRateLimits(pool);
  }

  /**
   * Connects, brings the schema up to date and opens the stores; for the embedded database, creates
   * it and its audit key file when they are not there yet.
   *
   * @throws IllegalStateException when the database cannot be reached or migrated
   */
  public static JdbcStores open(DatabaseSettings settings) {
    AuditMac mac = StoreDatabase.auditMac(settings, true);
    HikariDataSource pool = StoreDatabase.pool(settings, mac, false);
    try {
      StoreDatabase.migrate(pool, settings);
      return new JdbcStores(pool, settings, mac);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** The embedded database in {@code dataDir}: what dev mode and the tests open. */
  public static JdbcStores embedded(Path dataDir) {
    return open(DatabaseSettings.embedded(dataDir));
  }

  /**
   * Walks the audit trail of an existing database without migrating it or creating anything.
   *
   * @throws IllegalStateException when there is no such database or trail
   */
  public static ChainVerification verifyAuditTrail(
      DatabaseSettings settings, AuditReceipt latestReceipt) {
    return verifyAuditTrail(
        settings, latestReceipt == null ? List.of() : List.of(HeldReceipt.given(latestReceipt)));
  }

  /** As above, checking the trail against every one of {@code receipts}. */
  public static ChainVerification verifyAuditTrail(
      DatabaseSettings settings, List<HeldReceipt> receipts) {
    AuditMac mac = StoreDatabase.auditMac(settings, false);
    try (HikariDataSource pool = StoreDatabase.pool(settings.withMaxPoolSize(1), mac, true)) {
      return new JdbcAuditStore(pool, mac, settings.describe()).verify(receipts);
    }
  }

  @Override
  public JdbcAuditStore audit() {
    return audit;
  }

  @Override
  public JdbcAccessGrantStore accessGrants() {
    return accessGrants;
  }

  @Override
  public JdbcDependencyMap dependencyMap() {
    return dependencyMap;
  }

  @Override
  public JdbcSignInFailures signInFailures() {
    return signInFailures;
  }

  @Override
  public JdbcKeyRegister keyRegister() {
    return keyRegister;
  }

  @Override
  public JdbcWebSessions webSessions() {
    return webSessions;
  }

  @Override
  public JdbcStartedSignIns startedSignIns() {
    return startedSignIns;
  }

  @Override
  public JdbcCredentialStore credentials() {
    return credentials;
  }

  @Override
  public JdbcWebAuthnChallenges webAuthnChallenges() {
    return webAuthnChallenges;
  }

  @Override
  public JdbcProviderRateLimits providerRateLimits() {
    return providerRateLimits;
  }

  /** Runs a query that reads the audit head, the row every append needs. */
  @Override
  public void check() {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT last_sequence FROM audit_head")) {
      if (!row.next()) {
        throw new IllegalStateException(settings.describe() + ": the audit head row is missing");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          settings.describe() + " does not answer: " + e.getMessage(), e);
    }
  }

  /** The pool itself, for tests that edit the tables as an intruder would. */
  public javax.sql.DataSource dataSource() {
    return pool;
  }

  /** Where the stores are, for messages: the URL or the embedded database's directory. */
  public String describe() {
    return settings.describe();
  }

  @Override
  public void close() {
    pool.close();
  }
}
