package io.keyward.worker;

import io.keyward.activities.integration.GiveUpRecord;
import io.keyward.activities.notify.LoggingNotifications;
import io.keyward.activities.servicenow.ServiceNowTickets;
import io.keyward.activities.servicenow.UnconfiguredTickets;
import io.keyward.activities.slack.SlackNotifications;
import io.keyward.workflows.notify.NotificationActivities;
import io.keyward.workflows.notify.SlackSettings;
import io.keyward.workflows.servicenow.ServiceNowSettings;
import io.keyward.workflows.servicenow.TicketActivities;
import java.nio.file.Files;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses how a worker reaches people: Slack when a bot token is configured, else the log; the
 * ServiceNow write-back when an instance is configured, else notes go to the log. Both read the
 * environment (see {@link SlackSettings#fromEnvironment} and {@link
 * ServiceNowSettings#fromEnvironment}); a half-configured integration stops the worker at start.
 */
final class PeopleIntegrations {
  private static final Logger LOG = LoggerFactory.getLogger(PeopleIntegrations.class);

  private PeopleIntegrations() {}

  static NotificationActivities notifications(Map<String, String> env, GiveUpRecord givenUp) {
    return SlackSettings.fromEnvironment(env, Files::readString)
        .<NotificationActivities>map(
            slack -> {
              LOG.info("Notifications go to Slack: {}", slack.channels());
              return SlackNotifications.of(slack, givenUp);
            })
        .orElseGet(
            () -> {
              LOG.info("{} is not set: notifications go to the log", SlackSettings.ENV_BOT_TOKEN);
              return new LoggingNotifications();
            });
  }

  static TicketActivities tickets(Map<String, String> env, GiveUpRecord givenUp) {
    return ServiceNowSettings.fromEnvironment(env, Files::readString)
        .<TicketActivities>map(
            serviceNow -> {
              LOG.info("Ticket progress is written back to ServiceNow at {}", serviceNow.baseUrl());
              return ServiceNowTickets.of(serviceNow, givenUp);
            })
        .orElseGet(
            () -> {
              LOG.info(
                  "{} is not set: ticket progress goes to the log",
                  ServiceNowSettings.ENV_BASE_URL);
              return new UnconfiguredTickets();
            });
  }
}
