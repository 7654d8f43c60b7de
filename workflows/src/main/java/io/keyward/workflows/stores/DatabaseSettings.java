package io.keyward.workflows.stores;

import io.keyward.workflows.integration.Secret;
import java.nio.file.Path;

/**
 * The database that holds Keyward's shared state (audit trail, break-glass grants, dependency map)
 * and the key that authenticates the audit trail. Two forms:
 *
 * <ul>
 *   <li><b>a database server</b> ({@link #server}): a JDBC URL such as {@code
 *       jdbc:postgresql://db:5432/keyward}, its user and password, and the audit key, both from a
 *       secret source ({@link io.keyward.workflows.integration.SecretSource}). The audit key is
 *       required: it must not live where the database lives, or a database writer could rewrite
 *       history and authenticate it again.
 *   <li><b>embedded</b> ({@link #embedded}): a database file in the data directory, for dev mode
 *       and a laptop; nothing to install. Without an audit key, one is created beside it in a file
 *       only its owner may read.
 * </ul>
 *
 * <p>{@link #toString} never shows the password or the key.
 *
 * @param url the JDBC URL, or null for the embedded database in {@code dataDir}
 * @param user the database user, or null
 * @param password the database password, or null
 * @param auditKey the HMAC key of the audit trail (at least 32 bytes), or null for the key file of
 *     the embedded database
 * @param dataDir where the embedded database and its key file live; null with a server
 * @param maxPoolSize the most connections this process holds open
 */
public record DatabaseSettings(
    String url, String user, Secret password, Secret auditKey, Path dataDir, int maxPoolSize) {
  /** Connections per process unless configured: a few concurrent activities and requests. */
  public static final int DEFAULT_POOL_SIZE = 8;

  public DatabaseSettings {
    url = url == null || url.isBlank() ? null : url.strip();
    user = user == null || user.isBlank() ? null : user;
    if (url == null && dataDir == null) {
      throw new IllegalArgumentException(
          "database: set a JDBC url, or a data directory for the embedded database");
    }
    if (url != null && !url.startsWith("jdbc:")) {
      throw new IllegalArgumentException("database url must start with jdbc:, was " + url);
    }
    if (url != null && auditKey == null) {
      throw new IllegalArgumentException(
          "database "
              + url
              + ": the audit key is not configured (KEYWARD_AUDIT_KEY or"
              + " KEYWARD_AUDIT_KEY_FILE); it must come from outside the database");
    }
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("database maxPoolSize must be at least 1");
    }
  }

  /** The embedded database in {@code dataDir}, with the audit key file beside it. */
  public static DatabaseSettings embedded(Path dataDir) {
    return new DatabaseSettings(null, null, null, null, dataDir, DEFAULT_POOL_SIZE);
  }

  /** A database server; the audit key is required. */
  public static DatabaseSettings server(String url, String user, Secret password, Secret auditKey) {
    return new DatabaseSettings(url, user, password, auditKey, null, DEFAULT_POOL_SIZE);
  }

  public boolean isEmbedded() {
    return url == null;
  }

  /** The same settings with another pool size. */
  public DatabaseSettings withMaxPoolSize(int size) {
    return new DatabaseSettings(url, user, password, auditKey, dataDir, size);
  }

  /** Where the data is, for messages: the URL or the embedded database's directory. */
  public String describe() {
    return isEmbedded() ? "embedded database in " + dataDir : url;
  }

  @Override
  public String toString() {
    return "DatabaseSettings[" + describe() + ", user=" + user + "]";
  }
}
