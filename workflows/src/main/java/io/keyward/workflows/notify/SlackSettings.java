package io.keyward.workflows.notify;

import io.keyward.workflows.integration.Secret;
import io.keyward.workflows.integration.SecretFiles;
import io.keyward.workflows.integration.SecretSource;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the worker posts to Slack: the bot token (from the environment or a file), the channel of
 * each topic, Keyward's address for the links in messages, and where Slack's Web API is (its public
 * address unless a proxy or a test stands in).
 *
 * @param giveUpAfter the most attempts of one message before it is given up with an audit record
 */
public record SlackSettings(
    Secret botToken,
    Map<NotificationTopic, String> channels,
    URI uiBaseUrl,
    String methodsUrl,
    int giveUpAfter) {
  public static final String ENV_BOT_TOKEN = "KEYWARD_SLACK_BOT_TOKEN";
  public static final String ENV_CHANNELS = "KEYWARD_SLACK_CHANNELS";
  public static final String ENV_API_URL = "KEYWARD_SLACK_API_URL";
  public static final String ENV_UI_BASE_URL = "KEYWARD_UI_BASE_URL";
  public static final String SLACK_API_URL = "https://slack.com/api/";

  /** The runbook's channel for compromise alerts, and one channel per other audience. */
  public static final Map<NotificationTopic, String> DEFAULT_CHANNELS =
      Map.of(
          NotificationTopic.SECURITY_INCIDENTS, "#security-incidents",
          NotificationTopic.BREAK_GLASS, "#break-glass",
          NotificationTopic.APPROVALS, "#key-approvals",
          NotificationTopic.ROTATIONS, "#key-rotations");

  public SlackSettings {
    Objects.requireNonNull(botToken, "botToken");
    channels = channels == null ? DEFAULT_CHANNELS : Map.copyOf(channels);
    Objects.requireNonNull(uiBaseUrl, "uiBaseUrl");
    methodsUrl = methodsUrl == null || methodsUrl.isBlank() ? SLACK_API_URL : methodsUrl;
    if (!methodsUrl.endsWith("/")) {
      methodsUrl = methodsUrl + "/";
    }
    if (giveUpAfter < 1) {
      throw new IllegalArgumentException("giveUpAfter must be at least 1");
    }
  }

  /**
   * From {@value #ENV_BOT_TOKEN} (or its {@code _FILE}), {@value #ENV_CHANNELS} ({@code
   * TOPIC=#channel,...} over the defaults), {@value #ENV_UI_BASE_URL} and {@value #ENV_API_URL};
   * empty when there is no token, so the worker logs notifications instead.
   *
   * @param files reads a token file, e.g. {@code Files::readString}
   */
  public static Optional<SlackSettings> fromEnvironment(
      Map<String, String> env, SecretFiles files) {
    return SecretSource.fromEnvironment("the Slack bot token", ENV_BOT_TOKEN, env)
        .resolve(env, files)
        .map(
            token ->
                new SlackSettings(
                    token,
                    channels(env.get(ENV_CHANNELS)),
                    URI.create(env.getOrDefault(ENV_UI_BASE_URL, "http://localhost:8080")),
                    env.get(ENV_API_URL),
                    5));
  }

  /**
   * The default channels with overrides written {@code TOPIC=#channel,...}.
   *
   * @throws IllegalArgumentException naming an entry that is malformed or an unknown topic
   */
  public static Map<NotificationTopic, String> channels(String overrides) {
    Map<NotificationTopic, String> channels = new EnumMap<>(DEFAULT_CHANNELS);
    if (overrides == null || overrides.isBlank()) {
      return channels;
    }
    for (String entry : overrides.split(",")) {
      String[] parts = entry.strip().split("=", 2);
      if (parts.length != 2 || parts[1].isBlank()) {
        throw new IllegalArgumentException(
            "Slack channel entry '" + entry.strip() + "' must look like APPROVALS=#key-approvals");
      }
      try {
        channels.put(NotificationTopic.valueOf(parts[0].strip()), parts[1].strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Slack channel entry '"
                + entry.strip()
                + "': "
                + parts[0].strip()
                + " is not a topic; topics are "
                + java.util.Arrays.toString(NotificationTopic.values()));
      }
    }
    return channels;
  }
}
