package io.keyward.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalCliTest {
  @TempDir Path dir;

  @Test
  void prefersTheCliNamedByTheEnvironment() throws IOException {
    Path named = executable(dir.resolve("named/temporal"));
    Path onPath = executable(dir.resolve("bin/temporal"));

    assertThat(
            TemporalCli.locate(
                Map.of(TemporalCli.ENV, named.toString(), "PATH", onPath.getParent().toString()),
                dir))
        .contains(named);
  }

  @Test
  void refusesANamedCliThatIsNotExecutableInsteadOfFallingBack() throws IOException {
    Path notExecutable = Files.createFile(dir.resolve("temporal"));
    executable(dir.resolve("bin/temporal"));

    assertThatThrownBy(
            () ->
                TemporalCli.locate(
                    Map.of(
                        TemporalCli.ENV,
                        notExecutable.toString(),
                        "PATH",
                        dir.resolve("bin").toString()),
                    dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(TemporalCli.ENV)
        .hasMessageContaining(notExecutable.toString());
  }

  @Test
  void findsTheCliOnThePath() throws IOException {
    Path onPath = executable(dir.resolve("second/temporal"));
    String path = dir.resolve("first") + File.pathSeparator + dir.resolve("second");

    assertThat(TemporalCli.locate(Map.of("PATH", path), dir)).contains(onPath);
  }

  @Test
  void findsTheInstalledCliFromAModuleDirectory() throws IOException {
    Path installed = executable(dir.resolve(TemporalCli.INSTALLED));
    Path moduleDir = Files.createDirectories(dir.resolve("temporal-dev"));

    assertThat(TemporalCli.locate(Map.of("PATH", ""), moduleDir)).contains(installed);
  }

  @Test
  void findsNothingWhenThereIsNoCli() {
    assertThat(TemporalCli.locate(Map.of("PATH", dir.toString()), dir)).isEmpty();
  }

  private static Path executable(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
