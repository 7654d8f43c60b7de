package io.keyward.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.keyward.api.KeywardConfiguration;
import io.keyward.workflows.notify.NotificationTopic;
import io.keyward.workflows.notify.SlackSettings;
import io.keyward.workflows.servicenow.ServiceNowSettings;
import io.keyward.workflows.servicenow.TicketState;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code servicenow} and {@code slack} sections: defaults, secrets from files, limits. */
class WebhookConfigurationTest {
  private final YamlConfigurationFactory<KeywardConfiguration> factory =
      new YamlConfigurationFactory<>(
          KeywardConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

  @TempDir Path dir;

  @Test
  void withoutSecretsNeitherWebhookIsServedAndTheWindowIsFiveMinutes() throws Exception {
    KeywardConfiguration minimal = parse("ceremony:\n  stepTimeout: 72 hours\n");

    assertThat(minimal.getServicenow().webhookSecret(Map.of())).isEmpty();
    assertThat(minimal.getSlack().signingSecret(Map.of())).isEmpty();
    assertThat(minimal.getServicenow().timestampWindow()).isEqualTo(Duration.ofMinutes(5));
    assertThat(minimal.getSlack().timestampWindow()).isEqualTo(Duration.ofMinutes(5));
    assertThat(minimal.getServicenow().getMaxBodyBytes()).isEqualTo(64 * 1024);
    assertThat(minimal.getServicenow().writeBack(Map.of(), URI.create("http://k"))).isEmpty();
    assertThat(minimal.getSlack().notifier(Map.of())).isEmpty();
  }

  @Test
  void readsSecretsFromTheirFilesOrVariables() throws Exception {
    Path webhook = Files.writeString(dir.resolve("webhook"), "shared-secret\n");
    Path password = Files.writeString(dir.resolve("password"), "integration-password");
    KeywardConfiguration configured =
        parse(
            """
            servicenow:
              webhookSecretFile: %s
              baseUrl: https://example.service-now.com
              user: keyward.integration
              passwordFile: %s
              states: change_request.DONE=3
              users:
                abel.tuter: alice
            slack:
              channels:
                APPROVALS: "#crypto-approvals"
            """
                .formatted(webhook, password));

    assertThat(configured.getServicenow().webhookSecret(Map.of()).orElseThrow().text())
        .isEqualTo("shared-secret");
    assertThat(configured.getServicenow().getUsers()).containsEntry("abel.tuter", "alice");
    ServiceNowSettings writeBack =
        configured
            .getServicenow()
            .writeBack(Map.of(), URI.create("https://keyward.example.com"))
            .orElseThrow();
    assertThat(writeBack.password().text()).isEqualTo("integration-password");
    assertThat(writeBack.states().valueFor("change_request", TicketState.DONE)).contains("3");
    assertThat(configured.getSlack().signingSecret(Map.of("KEYWARD_SLACK_SIGNING_SECRET", "s")))
        .hasValueSatisfying(secret -> assertThat(secret.text()).isEqualTo("s"));
    SlackSettings posting =
        configured.getSlack().notifier(Map.of("KEYWARD_SLACK_BOT_TOKEN", "xoxb-1")).orElseThrow();
    assertThat(posting.channels())
        .containsEntry(NotificationTopic.APPROVALS, "#crypto-approvals")
        .containsEntry(NotificationTopic.SECURITY_INCIDENTS, "#security-incidents");
  }

  @Test
  void refusesAWindowOverAnHourAndABodyLimitOverOneMebibyte() {
    assertThatThrownBy(
            () -> parse("servicenow:\n  timestampWindow: 2 hours\n" + "  maxBodyBytes: 2000000\n"))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("servicenow.timestampWindow")
        .hasMessageContaining("servicenow.maxBodyBytes");
  }

  private KeywardConfiguration parse(String yaml) throws Exception {
    Path file = dir.resolve("keyward.yml");
    // Who may sign in is not what these tests are about: the demo users, as on a laptop.
    Files.writeString(file, "directory:\n  demoUsers: true\n" + yaml);
    return factory.build(new FileConfigurationSourceProvider(), file.toString());
  }
}
