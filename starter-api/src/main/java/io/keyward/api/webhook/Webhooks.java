package io.keyward.api.webhook;

import io.dropwizard.core.setup.Environment;
import io.keyward.api.KeywardConfiguration;
import io.keyward.api.extension.KeywardServices;
import io.keyward.api.servicenow.ServiceNowWebhook;
import io.keyward.api.servicenow.ServiceNowWebhookResource;
import io.keyward.api.slack.SlackInteractions;
import io.keyward.api.slack.SlackInteractionsResource;
import io.keyward.workflows.integration.Secret;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the webhooks whose secrets are configured: ServiceNow's ({@code /webhooks/servicenow}) and
 * Slack's interactions ({@code /webhooks/slack/interactions}). Without its secret a webhook is not
 * served at all (404), so an unconfigured deployment has no unauthenticated endpoint.
 */
public final class Webhooks {
  private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);

  private Webhooks() {}

  public static void register(
      KeywardConfiguration configuration,
      Environment environment,
      Map<String, String> variables,
      KeywardServices services) {
    Clock clock = Clock.systemUTC();
    Optional<Secret> serviceNowSecret = configuration.getServicenow().webhookSecret(variables);
    if (serviceNowSecret.isPresent()) {
      ServiceNowWebhook webhook =
          ServiceNowWebhook.build(
              configuration.getServicenow(),
              serviceNowSecret.get(),
              environment.getObjectMapper(),
              services.client(),
              configuration.getTemporal().getTaskQueue(),
              services.directory(),
              new ServiceNowWebhook.Services(
                  services.generations(),
                  services.rotations(),
                  services.compromises(),
                  services.breakGlass()),
              clock);
      environment.jersey().register(new ServiceNowWebhookResource(webhook));
    } else {
      LOG.info("No ServiceNow webhook secret configured: /webhooks/servicenow is off");
    }
    Optional<Secret> slackSecret = configuration.getSlack().signingSecret(variables);
    if (slackSecret.isPresent()) {
      SlackInteractions interactions =
          SlackInteractions.build(configuration.getSlack(), slackSecret.get(), services, clock);
      environment.jersey().register(new SlackInteractionsResource(interactions));
    } else {
      LOG.info("No Slack signing secret configured: /webhooks/slack/interactions is off");
    }
  }
}
