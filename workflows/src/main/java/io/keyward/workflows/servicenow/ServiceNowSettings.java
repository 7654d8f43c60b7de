package io.keyward.workflows.servicenow;

import io.keyward.workflows.integration.Secret;
import io.keyward.workflows.integration.SecretFiles;
import io.keyward.workflows.integration.SecretSource;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the worker reaches the ServiceNow instance for write-back: the instance's address, the
 * integration user and its password (from the environment or a file), the state value per table,
 * and Keyward's own address for the link in each note.
 *
 * @param giveUpAfter the most attempts of one update before it is given up with an audit record
 */
public record ServiceNowSettings(
    URI baseUrl,
    String user,
    Secret password,
    URI uiBaseUrl,
    TicketStateValues states,
    int giveUpAfter) {
  public static final String ENV_BASE_URL = "KEYWARD_SERVICENOW_BASE_URL";
  public static final String ENV_USER = "KEYWARD_SERVICENOW_USER";
  public static final String ENV_PASSWORD = "KEYWARD_SERVICENOW_PASSWORD";
  public static final String ENV_STATES = "KEYWARD_SERVICENOW_STATES";
  public static final String ENV_UI_BASE_URL = "KEYWARD_UI_BASE_URL";
  public static final String DEFAULT_UI_BASE_URL = "http://localhost:8080";

  public ServiceNowSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (!"https".equals(baseUrl.getScheme()) && !"http".equals(baseUrl.getScheme())) {
      throw new IllegalArgumentException(
          "the ServiceNow base URL must be an http(s) address, e.g."
              + " https://example.service-now.com");
    }
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("the ServiceNow integration user is not set");
    }
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(uiBaseUrl, "uiBaseUrl");
    states = states == null ? TicketStateValues.defaults() : states;
    if (giveUpAfter < 1) {
      throw new IllegalArgumentException("giveUpAfter must be at least 1");
    }
  }

  /**
   * From {@value #ENV_BASE_URL}, {@value #ENV_USER}, {@value #ENV_PASSWORD} (or its {@code _FILE}),
   * {@value #ENV_STATES} and {@value #ENV_UI_BASE_URL}; empty when no base URL is set, so the
   * worker runs without write-back.
   *
   * @param files reads a password file, e.g. {@code Files::readString}
   * @throws IllegalArgumentException when a base URL is set but the rest is missing or malformed
   */
  public static Optional<ServiceNowSettings> fromEnvironment(
      Map<String, String> env, SecretFiles files) {
    String base = env.get(ENV_BASE_URL);
    if (base == null || base.isBlank()) {
      return Optional.empty();
    }
    Secret password =
        SecretSource.fromEnvironment("the ServiceNow integration password", ENV_PASSWORD, env)
            .require(env, files);
    return Optional.of(
        new ServiceNowSettings(
            URI.create(base.strip()),
            env.get(ENV_USER),
            password,
            URI.create(env.getOrDefault(ENV_UI_BASE_URL, DEFAULT_UI_BASE_URL)),
            TicketStateValues.parse(env.get(ENV_STATES)),
            12));
  }
}
