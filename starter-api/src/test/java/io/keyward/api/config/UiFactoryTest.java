package io.keyward.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.keyward.api.KeywardConfiguration;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ui} section of the web pages: sessions and the link to Temporal Web. */
class UiFactoryTest {
  private final YamlConfigurationFactory<KeywardConfiguration> factory =
      new YamlConfigurationFactory<>(
          KeywardConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

  @TempDir Path dir;

  @Test
  void endsIdleSessionsAfterHalfAnHourAndLinksNowhereByDefault() throws Exception {
    UiFactory ui = parse("ceremony:\n  stepTimeout: 72 hours\n").getUi();

    assertThat(ui.getSessionIdleTimeout().toJavaDuration()).isEqualTo(Duration.ofMinutes(30));
    assertThat(ui.getSessionMaxAge().toJavaDuration()).isEqualTo(Duration.ofHours(12));
    assertThat(ui.temporalWeb()).isEmpty();
  }

  @Test
  void takesTheTemporalWebAddressWithOrWithoutATrailingSlash() throws Exception {
    UiFactory ui = parse("ui:\n  temporalWebUrl: http://localhost:8233\n").getUi();
    UiFactory empty = parse("ui:\n  temporalWebUrl: \"\"\n").getUi();

    assertThat(ui.temporalWeb()).hasValue(URI.create("http://localhost:8233/"));
    assertThat(empty.temporalWeb()).isEmpty();
  }

  @Test
  void refusesATemporalWebAddressThatIsNotHttpAndSessionsUnderAMinute() {
    assertThatThrownBy(() -> parse("ui:\n  temporalWebUrl: javascript:alert(1)\n"))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("ui.temporalWebUrl");
    assertThatThrownBy(() -> parse("ui:\n  sessionIdleTimeout: 10 seconds\n"))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("ui.sessionIdleTimeout");
  }

  private KeywardConfiguration parse(String yaml) throws Exception {
    Path file = dir.resolve("keyward.yml");
    // Who may sign in is not what these tests are about: the demo users, as on a laptop.
    Files.writeString(file, "directory:\n  demoUsers: true\n" + yaml);
    return factory.build(new FileConfigurationSourceProvider(), file.toString());
  }
}
