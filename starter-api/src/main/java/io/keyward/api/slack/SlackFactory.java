package io.keyward.api.slack;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import io.keyward.workflows.integration.Secret;
import io.keyward.workflows.integration.SecretSource;
import io.keyward.workflows.notify.NotificationTopic;
import io.keyward.workflows.notify.SlackSettings;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code slack} section. Approve and Deny buttons ({@code POST /webhooks/slack/interactions})
 * are served only when Slack's signing secret is configured, from the environment variable {@code
 * signingSecretVariable} or the file {@code signingSecretFile}, never from this file. {@code users}
 * maps a Slack user id (e.g. {@code U024BE7LH}) to a Keyward directory id: a click by anyone not
 * listed decides nothing. {@code uiBaseUrl} is Keyward's address in links; answers go only to
 * response URLs under {@code responseUrlPrefix} (Slack's own hooks address). The bot token, the
 * channels and {@code apiUrl} describe posting, which the worker does: it reads the same
 * environment variables (see {@link SlackSettings#fromEnvironment}).
 */
public class SlackFactory {
  private Path signingSecretFile;

  @NotEmpty private String signingSecretVariable = "KEYWARD_SLACK_SIGNING_SECRET";

  @NotNull
  @MinDuration(value = 30, unit = TimeUnit.SECONDS)
  @MaxDuration(value = 1, unit = TimeUnit.HOURS)
  private Duration timestampWindow = Duration.minutes(5);

  @NotNull private Map<String, String> users = Map.of();

  @NotEmpty
  @Pattern(regexp = "https?://\\S+", message = "must be an http(s) address")
  private String uiBaseUrl = "http://localhost:8080";

  @NotEmpty
  @Pattern(regexp = "https?://\\S+", message = "must be an http(s) address")
  private String responseUrlPrefix = "https://hooks.slack.com/";

  private Path botTokenFile;
  @NotEmpty private String botTokenVariable = SlackSettings.ENV_BOT_TOKEN;
  @NotNull private Map<NotificationTopic, String> channels = SlackSettings.DEFAULT_CHANNELS;
  private String apiUrl;

  /** Slack's signing secret; empty when none is configured. */
  public Optional<Secret> signingSecret(Map<String, String> environment) {
    return new SecretSource("the Slack signing secret", signingSecretVariable, signingSecretFile)
        .resolve(environment, Files::readString);
  }

  /** How to post to Slack when a bot token is configured; empty otherwise. */
  public Optional<SlackSettings> notifier(Map<String, String> environment) {
    return new SecretSource("the Slack bot token", botTokenVariable, botTokenFile)
        .resolve(environment, Files::readString)
        .map(token -> new SlackSettings(token, new EnumMap<>(channels), uiBaseUrl(), apiUrl, 5));
  }

  public URI uiBaseUrl() {
    return URI.create(uiBaseUrl.strip());
  }

  public java.time.Duration timestampWindow() {
    return timestampWindow.toJavaDuration();
  }

  @JsonProperty
  public Path getSigningSecretFile() {
    return signingSecretFile;
  }

  @JsonProperty
  public void setSigningSecretFile(Path signingSecretFile) {
    this.signingSecretFile = signingSecretFile;
  }

  @JsonProperty
  public String getSigningSecretVariable() {
    return signingSecretVariable;
  }

  @JsonProperty
  public void setSigningSecretVariable(String signingSecretVariable) {
    this.signingSecretVariable = signingSecretVariable;
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
  public Map<String, String> getUsers() {
    return users;
  }

  @JsonProperty
  public void setUsers(Map<String, String> users) {
    this.users = users == null ? Map.of() : Map.copyOf(users);
  }

  @JsonProperty
  public String getUiBaseUrl() {
    return uiBaseUrl;
  }

  @JsonProperty
  public void setUiBaseUrl(String uiBaseUrl) {
    this.uiBaseUrl = uiBaseUrl;
  }

  @JsonProperty
  public String getResponseUrlPrefix() {
    return responseUrlPrefix;
  }

  @JsonProperty
  public void setResponseUrlPrefix(String responseUrlPrefix) {
    this.responseUrlPrefix = responseUrlPrefix;
  }

  @JsonProperty
  public Path getBotTokenFile() {
    return botTokenFile;
  }

  @JsonProperty
  public void setBotTokenFile(Path botTokenFile) {
    this.botTokenFile = botTokenFile;
  }

  @JsonProperty
  public String getBotTokenVariable() {
    return botTokenVariable;
  }

  @JsonProperty
  public void setBotTokenVariable(String botTokenVariable) {
    this.botTokenVariable = botTokenVariable;
  }

  @JsonProperty
  public Map<NotificationTopic, String> getChannels() {
    return channels;
  }

  @JsonProperty
  public void setChannels(Map<NotificationTopic, String> channels) {
    Map<NotificationTopic, String> merged = new EnumMap<>(SlackSettings.DEFAULT_CHANNELS);
    if (channels != null) {
      merged.putAll(channels);
    }
    this.channels = merged;
  }

  @JsonProperty
  public String getApiUrl() {
    return apiUrl;
  }

  @JsonProperty
  public void setApiUrl(String apiUrl) {
    this.apiUrl = apiUrl;
  }
}
