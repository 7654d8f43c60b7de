package io.keyward.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevSettingsTest {
  @TempDir Path workingDir;

  @Test
  void usesTheLocalDefaultsWhenNothingIsSet() {
    DevSettings settings = DevSettings.fromEnvironment(Map.of("PATH", ""), List.of(), workingDir);

    assertThat(settings.httpPort()).isEqualTo(8080);
    assertThat(settings.adminPort()).isEqualTo(8081);
    assertThat(settings.temporalPort()).isEqualTo(7233);
    assertThat(settings.temporalUiPort()).isEqualTo(8233);
    assertThat(settings.dataDir()).isEqualTo(workingDir.resolve("data"));
    assertThat(settings.temporalDir()).isEqualTo(settings.dataDir().resolve("temporal"));
    assertThat(settings.config()).isEqualTo(DevSettings.DEFAULT_CONFIG);
    assertThat(settings.temporalCli()).isEmpty();
  }

  @Test
  void takesPortsDataDirectoryAndConfigurationFromTheEnvironmentAndArguments() {
    DevSettings settings =
        DevSettings.fromEnvironment(
            Map.of(
                "PATH",
                "",
                DevSettings.HTTP_PORT,
                "9080",
                DevSettings.ADMIN_PORT,
                "9081",
                DevSettings.TEMPORAL_PORT,
                "9233",
                DevSettings.TEMPORAL_UI_PORT,
                "9234",
                DevSettings.DATA_DIR,
                workingDir.resolve("state").toString()),
            List.of("my.yml"),
            workingDir);

    assertThat(settings)
        .extracting(
            DevSettings::httpPort,
            DevSettings::adminPort,
            DevSettings::temporalPort,
            DevSettings::temporalUiPort,
            DevSettings::dataDir,
            DevSettings::config)
        .containsExactly(9080, 9081, 9233, 9234, workingDir.resolve("state"), Path.of("my.yml"));
  }

  @Test
  void namesTheVariableOfAPortThatIsNotANumber() {
    assertThatThrownBy(
            () ->
                DevSettings.fromEnvironment(
                    Map.of("PATH", "", DevSettings.TEMPORAL_UI_PORT, "eighty"),
                    List.of(),
                    workingDir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "KEYWARD_TEMPORAL_UI_PORT must be a port number between 0 and 65535, was 'eighty'");
  }

  @Test
  void refusesAPortOutOfRange() {
    assertThatThrownBy(
            () ->
                DevSettings.fromEnvironment(
                    Map.of("PATH", "", DevSettings.HTTP_PORT, "70000"), List.of(), workingDir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KEYWARD_HTTP_PORT must be a port number between 0 and 65535");
  }

  @Test
  void refusesMoreThanOneArgument() {
    assertThatThrownBy(
            () ->
                DevSettings.fromEnvironment(
                    Map.of("PATH", ""), List.of("a.yml", "b.yml"), workingDir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most one argument, the configuration file");
  }
}
