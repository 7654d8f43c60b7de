package io.keyward.workflows.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSourceTest {
  @TempDir Path dir;

  @Test
  void readsTheVariableOrElseTheFileWithoutItsLineBreak() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "xoxb-from-file\n");

    Secret fromVariable =
        SecretSource.fromEnvironment("the token", "TOKEN", Map.of())
            .resolve(Map.of("TOKEN", "xoxb-from-env"), Files::readString)
            .orElseThrow();
    Secret fromFile =
        SecretSource.fromEnvironment("the token", "TOKEN", Map.of("TOKEN_FILE", file.toString()))
            .resolve(Map.of(), Files::readString)
            .orElseThrow();

    assertThat(fromVariable.text()).isEqualTo("xoxb-from-env");
    assertThat(fromFile.text()).isEqualTo("xoxb-from-file");
  }

  @Test
  void neverShowsTheValue() {
    assertThat(Secret.ofText("s3cr3t").toString()).doesNotContain("s3cr3t");
  }

  @Test
  void refusesBothSourcesAtOnceAndAnEmptyFile() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    Map<String, String> both = Map.of("TOKEN", "a", "TOKEN_FILE", empty.toString());

    assertThatThrownBy(
            () ->
                SecretSource.fromEnvironment("the token", "TOKEN", both)
                    .resolve(both, Files::readString))
        .hasMessage("the token: set either TOKEN or a file, not both");
    Map<String, String> fileOnly = Map.of("TOKEN_FILE", empty.toString());
    assertThatThrownBy(
            () ->
                SecretSource.fromEnvironment("the token", "TOKEN", fileOnly)
                    .resolve(fileOnly, Files::readString))
        .hasMessage("the token: the file " + empty + " is empty");
  }

  @Test
  void aMissingRequiredSecretNamesWhereToSetIt() {
    assertThatThrownBy(
            () ->
                SecretSource.fromEnvironment("the password", "PW", Map.of())
                    .require(Map.of(), Files::readString))
        .hasMessage("the password is not configured: set PW or PW_FILE");
  }
}
