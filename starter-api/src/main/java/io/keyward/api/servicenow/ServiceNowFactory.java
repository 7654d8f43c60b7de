package io.keyward.api.servicenow;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import io.keyward.api.refusal.Refusals;
import io.keyward.workflows.integration.Secret;
import io.keyward.workflows.integration.SecretSource;
import io.keyward.workflows.servicenow.ServiceNowSettings;
import io.keyward.workflows.servicenow.TicketStateValues;
import io.keyward.workflows.servicenow.TicketSystemProvider;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code servicenow} section. The webhook ({@code POST /webhooks/servicenow}) is served only
 * when its shared secret is configured, from the environment variable {@code webhookSecretVariable}
 * or the file {@code webhookSecretFile}, never from this file. A delivery must be signed within
 * {@code timestampWindow} of now and be at most {@code maxBodyBytes}. {@code users} maps the
 * ServiceNow user name in a record ({@code requested_by} or {@code opened_by}) to a Keyward
 * directory id; a user not listed is refused. {@code baseUrl}, {@code user} and the password source
 * describe the instance for write-back, which the worker performs (it reads the same environment
 * variables, see {@link ServiceNowSettings#fromEnvironment}).
 */
public class ServiceNowFactory {
  private Path webhookSecretFile;

  @NotEmpty private String webhookSecretVariable = "KEYWARD_SERVICENOW_WEBHOOK_SECRET";

  @NotNull
  @MinDuration(value = 30, unit = TimeUnit.SECONDS)
  @MaxDuration(value = 1, unit = TimeUnit.HOURS)
  private Duration timestampWindow = Duration.minutes(5);

  @Min(1024)
  @Max(1024 * 1024)
  private int maxBodyBytes = 64 * 1024;

  @NotNull private Map<String, String> users = Map.of();

  private String baseUrl;
  private String user;
  private Path passwordFile;
  @NotEmpty private String passwordVariable = ServiceNowSettings.ENV_PASSWORD;
  private String states;

  /** The webhook's shared secret; empty when none is configured. */
  public Optional<Secret> webhookSecret(Map<String, String> environment) {
    return new SecretSource(
            "the ServiceNow webhook secret", webhookSecretVariable, webhookSecretFile)
        .resolve(environment, Files::readString);
  }

  /** The write-back settings when {@code baseUrl} is set; empty otherwise. */
  public Optional<ServiceNowSettings> writeBack(Map<String, String> environment, URI uiBaseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      return Optional.empty();
    }
    Secret password =
        new SecretSource("the ServiceNow integration password", passwordVariable, passwordFile)
            .require(environment, Files::readString);
    return Optional.of(
        new ServiceNowSettings(
            URI.create(baseUrl.strip()),
            user,
            password,
            uiBaseUrl,
            TicketStateValues.parse(states),
            12));
  }

  /**
   * What decides whether a ticket named in a request may be written to: the Table API of the
   * instance when {@code baseUrl} is set (read through the {@link TicketSystemProvider} on the
   * class path), else nothing, and every ticket stays a label.
   */
  public TicketBinder ticketBinder(Map<String, String> environment, Refusals refusals) {
    return writeBack(environment, URI.create(ServiceNowSettings.DEFAULT_UI_BASE_URL))
        .map(
            settings ->
                new TicketBinder(
                    Optional.of(TicketSystemProvider.onClassPath().open(settings)),
                    users,
                    refusals))
        .orElseGet(() -> TicketBinder.labelsOnly(refusals));
  }

  public java.time.Duration timestampWindow() {
    return timestampWindow.toJavaDuration();
  }

  @JsonProperty
  public Path getWebhookSecretFile() {
    return webhookSecretFile;
  }

  @JsonProperty
  public void setWebhookSecretFile(Path webhookSecretFile) {
    this.webhookSecretFile = webhookSecretFile;
  }

  @JsonProperty
  public String getWebhookSecretVariable() {
    return webhookSecretVariable;
  }

  @JsonProperty
  public void setWebhookSecretVariable(String webhookSecretVariable) {
    this.webhookSecretVariable = webhookSecretVariable;
  }

  @JsonProperty
  public Duration getTimestampWindow() {
    return timestampWindow;
  }

  @JsonProperty
  public void setTimestampWindow(Duration timestampWindow) {
    this.timestampWindow = timestampWindow;
  }

  @JsonProperty
  public int getMaxBodyBytes() {
    return maxBodyBytes;
  }

  @JsonProperty
  public void setMaxBodyBytes(int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  @JsonProperty
  public Map<String, String> getUsers() {
    return users;
  }

  @JsonProperty
  public void setUsers(Map<String, String> users) {
    this.users = users == null ? Map.of() : Map.copyOf(users);
  }

  @JsonProperty
  public String getBaseUrl() {
    return baseUrl;
  }

  @JsonProperty
  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
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
  public Path getPasswordFile() {
    return passwordFile;
  }

  @JsonProperty
  public void setPasswordFile(Path passwordFile) {
    this.passwordFile = passwordFile;
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
  public String getStates() {
    return states;
  }

  @JsonProperty
  public void setStates(String states) {
    this.states = states;
  }
}
