package io.keyward.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.keyward.api.KeywardConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample configuration shipped in {@code config/keyward.yml} and the sections' rules. */
class KeywardConfigurationTest {
  private final YamlConfigurationFactory<KeywardConfiguration> factory =
      new YamlConfigurationFactory<>(
          KeywardConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

  @Test
  void sampleConfigurationListensOn8080And8081AndKeepsDataUnderTheDataDirectory() throws Exception {
    KeywardConfiguration sample = sample(Map.of("KEYWARD_USERS_FILE", "/etc/keyward/users.yml"));

    DefaultServerFactory server = (DefaultServerFactory) sample.getServerFactory();
    assertThat(port(server.getApplicationConnectors().get(0))).isEqualTo(8080);
    assertThat(port(server.getAdminConnectors().get(0))).isEqualTo(8081);
    assertThat(((HttpConnectorFactory) server.getAdminConnectors().get(0)).getBindHost())
        .as("the admin port has no sign-in: loopback only")
        .isEqualTo("127.0.0.1");
    assertThat(sample.getDatabase().getDataDir()).isEqualTo(Path.of("data"));
    assertThat(sample.stores(Map.of()).database().isEmbedded()).isTrue();
    assertThat(sample.getTemporal().getTaskQueue()).isEqualTo("keyward-ceremonies");
    assertThat(sample.getCeremony().stepTimeout()).isEqualTo(Duration.ofHours(72));
    assertThat(sample.getDirectory().getUsersFile()).isEqualTo(Path.of("/etc/keyward/users.yml"));
    assertThat(sample.getDirectory().isDemoUsers()).isFalse();
  }

  @Test
  void theSampleConfigurationNeverOpensWithTheDemoUsers() {
    assertThatThrownBy(() -> sample(Map.of()))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("directory.usersNamed names no users: set usersFile");
  }

  /** The shipped config/keyward.yml with only {@code environment} set. */
  private KeywardConfiguration sample(Map<String, String> environment) throws Exception {
    return factory.build(
        new SubstitutingSourceProvider(
            new FileConfigurationSourceProvider(), new StringSubstitutor(environment)),
        "config/keyward.yml");
  }

  @Test
  void defaultsToALocalTemporalAndAStepTimeoutOf72Hours(@TempDir Path dir) throws Exception {
    KeywardConfiguration minimal = parse(dir, "directory:\n  demoUsers: true\n");

    assertThat(minimal.getTemporal().getTarget()).isEqualTo("localhost:7233");
    assertThat(minimal.getTemporal().getNamespace()).isEqualTo("default");
    assertThat(minimal.getCeremony().stepTimeout()).isEqualTo(Duration.ofHours(72));
  }

  @Test
  void refusesATargetWithoutPortAStepTimeoutUnderAMinuteAndAPoolOfNone(@TempDir Path dir) {
    assertThatThrownBy(() -> parse(dir, "temporal:\n  target: localhost\n"))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("temporal.target must be host:port");
    assertThatThrownBy(() -> parse(dir, "ceremony:\n  stepTimeout: 30 seconds\n"))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("ceremony.stepTimeout");
    assertThatThrownBy(() -> parse(dir, "database:\n  maxPoolSize: 0\n"))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("database.maxPoolSize");
  }

  @Test
  void aDatabaseServerWithoutAnAuditKeyIsRefusedAndItsKeyComesFromTheEnvironment(@TempDir Path dir)
      throws Exception {
    KeywardConfiguration server =
        parse(
            dir,
            "database:\n  url: jdbc:postgresql://db:5432/keyward\n  user: keyward\n"
                + "directory:\n  demoUsers: true\n");

    assertThatThrownBy(() -> server.stores(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the audit key is not configured");
    var settings =
        server
            .stores(
                Map.of(
                    "KEYWARD_DATABASE_PASSWORD",
                    "db-password-1",
                    "KEYWARD_AUDIT_KEY",
                    "k".repeat(64)))
            .database();
    assertThat(settings.url()).isEqualTo("jdbc:postgresql://db:5432/keyward");
    assertThat(settings.password().text()).isEqualTo("db-password-1");
    assertThat(settings.toString()).doesNotContain("db-password-1").doesNotContain("kkkk");
  }

  private KeywardConfiguration parse(Path dir, String yaml) throws Exception {
    Path file = dir.resolve("keyward.yml");
    Files.writeString(file, yaml);
    return factory.build(new FileConfigurationSourceProvider(), file.toString());
  }

  private static int port(io.dropwizard.jetty.ConnectorFactory connector) {
    return ((HttpConnectorFactory) connector).getPort();
  }
}
