package io.keyward.activities.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import io.keyward.activities.integration.DeliveryAttempts;
import io.keyward.activities.integration.GiveUpRecord;
import io.keyward.activities.notify.LoggingNotifications;
import io.keyward.workflows.integration.RequestLinks;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationActivities;
import io.keyward.workflows.notify.SlackSettings;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts notifications to Slack with {@code chat.postMessage}, each topic to its channel, as Block
 * Kit with a link to the request in Keyward. Slack being down never fails a ceremony: an attempt
 * that fails for a reason that can pass (Slack unreachable, rate limited, an internal error) fails
 * so Temporal retries it; on the last attempt, and at once for a reason retrying cannot fix (a
 * revoked token, an unknown channel, the bot not in the channel), the message is given up with a
 * {@value #GIVEN_UP} audit record and the call returns {@code given-up}. A topic without a channel
 * goes to the log.
 */
public final class SlackNotifications implements NotificationActivities {
  /** The audit event type of a notification that was not delivered. */
  public static final String GIVEN_UP = "NOTIFICATION_GIVEN_UP";

  /** The failure type of an attempt that Temporal should retry. */
  public static final String UNAVAILABLE = "SlackUnavailable";

  /** Slack error codes that a retry cannot fix: configuration or permission problems. */
  private static final Set<String> PERMANENT =
      Set.of(
          "channel_not_found",
          "not_in_channel",
          "is_archived",
          "invalid_auth",
          "not_authed",
          "account_inactive",
          "token_revoked",
          "token_expired",
          "no_permission",
          "missing_scope",
          "restricted_action",
          "invalid_blocks",
          "msg_too_long",
          "too_many_attachments");

  private static final Logger LOG = LoggerFactory.getLogger(SlackNotifications.class);

  private final MethodsClient methods;
  private final SlackSettings settings;
  private final RequestLinks links;
  private final GiveUpRecord givenUp;
  private final DeliveryAttempts attempts;
  private final LoggingNotifications log = new LoggingNotifications();

  public SlackNotifications(
      MethodsClient methods,
      SlackSettings settings,
      GiveUpRecord givenUp,
      DeliveryAttempts attempts) {
    this.methods = methods;
    this.settings = settings;
    this.links = new RequestLinks(settings.uiBaseUrl());
    this.givenUp = givenUp;
    this.attempts = attempts;
  }

  /** The notifier with a Slack client for the settings' Web API address and token. */
  public static SlackNotifications of(SlackSettings settings, GiveUpRecord givenUp) {
    return new SlackNotifications(
        client(settings.methodsUrl()).methods(settings.botToken().text()),
        settings,
        givenUp,
        DeliveryAttempts.ofRunningActivity(settings.giveUpAfter()));
  }

  /** A Slack client whose Web API calls go to {@code methodsUrl} (e.g. a local stub in tests). */
  public static Slack client(String methodsUrl) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(methodsUrl);
    // Without this the client calls auth.test before each first call to label its metrics.
    config.setStatsEnabled(false);
    config.setHttpClientReadTimeoutMillis(15_000);
    config.setHttpClientCallTimeoutMillis(20_000);
    return Slack.getInstance(config);
  }

  @Override
  public String send(Notification notification) {
    String channel = settings.channels().get(notification.topic());
    if (channel == null) {
      return log.send(notification);
    }
    String link = links.resolve(notification.link(), notification.subject());
    String problem;
    boolean retryable;
    try {
      ChatPostMessageResponse response =
          methods.chatPostMessage(
              request ->
                  request
                      .channel(channel)
                      .text(SlackMessages.fallbackText(notification))
                      .blocks(SlackMessages.blocks(notification, link))
                      .unfurlLinks(false));
      if (response.isOk()) {
        return "slack:" + channel;
      }
      problem = "Slack refused the message to " + channel + ": " + response.getError();
      retryable = !PERMANENT.contains(response.getError());
    } catch (SlackApiException e) {
      problem = "Slack answered HTTP " + e.getResponse().code() + " for " + channel;
      retryable = true;
    } catch (IOException e) {
      problem = "Slack does not answer (" + e.getClass().getSimpleName() + ") for " + channel;
      retryable = true;
    } catch (RuntimeException e) {
      problem = "the Slack client failed (" + e.getClass().getSimpleName() + ") for " + channel;
      retryable = true;
    }
    if (retryable && !attempts.isLast()) {
      throw ApplicationFailure.newFailure(problem, UNAVAILABLE);
    }
    return giveUp(notification, channel, problem);
  }

  private String giveUp(Notification notification, String channel, String problem) {
    LOG.warn(
        "giving up notification '{}' about {}: {}",
        notification.title(),
        notification.subject(),
        problem);
    givenUp.write(
        GIVEN_UP,
        notification.subject(),
        Map.of(
            "topic",
            notification.topic().name(),
            "channel",
            channel,
            "title",
            notification.title(),
            "reason",
            problem));
    return "given-up";
  }
}
