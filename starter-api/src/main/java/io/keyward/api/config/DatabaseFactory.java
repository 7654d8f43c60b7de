package io.keyward.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.keyward.workflows.integration.Secret;
import io.keyward.workflows.integration.SecretSource;
import io.keyward.workflows.stores.DatabaseSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code database} section: where the audit trail, the break-glass grants and the dependency
 * map live, shared by every API replica and every worker.
 *
 * <pre>
 * database:
 *   url: jdbc:postgresql://db.internal:5432/keyward   # empty: the embedded database in dataDir
 *   user: keyward
 *   # the password: KEYWARD_DATABASE_PASSWORD, or the file named here
 *   passwordFile: /run/secrets/keyward-db-password
 *   # the audit trail's HMAC key, never stored in the database: KEYWARD_AUDIT_KEY, or this file
 *   auditKeyFile: /run/secrets/keyward-audit-key
 *   maxPoolSize: 8
 * </pre>
 *
 * The secrets come from the environment or a mounted file, never from this file; the workers read
 * the same variables ({@code io.keyward.activities.stores.DatabaseEnvironment}).
 */
public class DatabaseFactory {
  private String url;
  private String user;
  private String passwordVariable = "KEYWARD_DATABASE_PASSWORD";
  private Path passwordFile;
  private String auditKeyVariable = "KEYWARD_AUDIT_KEY";
  private Path auditKeyFile;
  @NotNull private Path dataDir = Path.of("data");

  @Min(1)
  @Max(200)
  private int maxPoolSize = DatabaseSettings.DEFAULT_POOL_SIZE;

  /**
   * The database these settings and {@code environment} name.
   *
   * @throws IllegalArgumentException when a secret is missing or malformed
   */
  public DatabaseSettings settings(Map<String, String> environment) {
    Secret password =
        new SecretSource("the database password", passwordVariable, passwordFile)
            .resolve(environment, Files::readString)
            .orElse(null);
    Secret auditKey =
        new SecretSource("the audit key", auditKeyVariable, auditKeyFile)
            .resolve(environment, Files::readString)
            .orElse(null);
    boolean embedded = url == null || url.isBlank();
    return new DatabaseSettings(
        url, user, password, auditKey, embedded ? dataDir : null, maxPoolSize);
  }

  @JsonProperty
  public String getUrl() {
    return url;
  }

  @JsonProperty
  public void setUrl(String url) {
    this.url = url;
  }

  @JsonProperty
  public String getUser() {
    return user;
  }

  @JsonProperty
  public void setUser(String user) {
    this.user = user;
  }

  @JsonProperty
  public String getPasswordVariable() {
    return passwordVariable;
  }

  @JsonProperty
  public void setPasswordVariable(String passwordVariable) {
    this.passwordVariable = passwordVariable;
  }

  @JsonProperty
  public Path getPasswordFile() {
    return passwordFile;
  }

  @JsonProperty
  public void setPasswordFile(Path passwordFile) {
    this.passwordFile = emptyIsNone(passwordFile);
  }

  @JsonProperty
  public String getAuditKeyVariable() {
    return auditKeyVariable;
  }

  @JsonProperty
  public void setAuditKeyVariable(String auditKeyVariable) {
    this.auditKeyVariable = auditKeyVariable;
  }

  @JsonProperty
  public Path getAuditKeyFile() {
    return auditKeyFile;
  }

  @JsonProperty
  public void setAuditKeyFile(Path auditKeyFile) {
    this.auditKeyFile = emptyIsNone(auditKeyFile);
  }

  @JsonProperty
  public Path getDataDir() {
    return dataDir;
  }

  @JsonProperty
  public void setDataDir(Path dataDir) {
    this.dataDir = dataDir;
  }

  @JsonProperty
  public int getMaxPoolSize() {
    return maxPoolSize;
  }

  @JsonProperty
  public void setMaxPoolSize(int maxPoolSize) {
    this.maxPoolSize = maxPoolSize;
  }

  private static Path emptyIsNone(Path path) {
    return path == null || path.toString().isBlank() ? null : path;
  }
}
