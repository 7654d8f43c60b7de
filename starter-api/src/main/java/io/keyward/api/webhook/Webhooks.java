package io.keyward.api.webhook;

import io.dropwizard.core.setup.Environment;
import io.keyward.activities.audit.AuditStore;
import io.keyward.activities.directory.Directory;
import io.keyward.activities.integration.Secret;
import io.keyward.api.KeywardConfiguration;
import io.keyward.api.breakglass.BreakGlassSessions;
import io.keyward.api.compromise.CompromiseResponses;
import io.keyward.api.generation.GenerationCeremonies;
import io.keyward.api.rotation.ManualRotations;
import io.keyward.api.servicenow.ServiceNowWebhook;
import io.keyward.api.servicenow.ServiceNowWebhookResource;
import io.keyward.api.slack.SlackInteractions;
import io.keyward.api.slack.SlackInteractionsResource;
import io.temporal.client.WorkflowClient;
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

  /**
   * The services each ServiceNow record type starts through: the same classes, built from the same
   * configuration, as the REST API's (they hold no state of their own; the grant store is read from
   * its file on each call).
   */
  private static ServiceNowWebhook.Services ticketedServices(
      KeywardConfiguration configuration,
      WorkflowClient client,
      Directory directory,
      AuditStore audit,
      GenerationCeremonies generations,
      Clock clock) {
    String taskQueue = configuration.getTemporal().getTaskQueue();
    return new ServiceNowWebhook.Services(
        generations,
        new ManualRotations(
            client, taskQueue, configuration.getCeremony().stepTimeout(), audit, clock),
        new CompromiseResponses(client, taskQueue, audit, clock),
        new BreakGlassSessions(
            client,
            taskQueue,
            directory,
            configuration.getAccess().open(configuration.getAudit().getFile()),
            audit,
            clock));
  }

  public static void register(
      KeywardConfiguration configuration,
      Environment environment,
      Map<String, String> variables,
      WorkflowClient client,
      Directory directory,
      AuditStore audit,
      GenerationCeremonies generations) {
    Clock clock = Clock.systemUTC();
    Optional<Secret> serviceNowSecret = configuration.getServicenow().webhookSecret(variables);
    if (serviceNowSecret.isPresent()) {
      ServiceNowWebhook webhook =
          ServiceNowWebhook.build(
              configuration.getServicenow(),
              serviceNowSecret.get(),
              environment.getObjectMapper(),
              client,
              configuration.getTemporal().getTaskQueue(),
              directory,
              ticketedServices(configuration, client, directory, audit, generations, clock),
              clock);
      environment.jersey().register(new ServiceNowWebhookResource(webhook));
    } else {
      LOG.info("No ServiceNow webhook secret configured: /webhooks/servicenow is off");
    }
    Optional<Secret> slackSecret = configuration.getSlack().signingSecret(variables);
    if (slackSecret.isPresent()) {
      SlackInteractions interactions =
          SlackInteractions.build(
              configuration.getSlack(), slackSecret.get(), directory, generations, audit, clock);
      environment.jersey().register(new SlackInteractionsResource(interactions));
    } else {
      LOG.info("No Slack signing secret configured: /webhooks/slack/interactions is off");
    }
  }
}
