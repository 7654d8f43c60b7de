package io.keyward.api.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The Temporal CLI that runs a real dev server for the tests of the visibility path, found as dev
 * mode finds it: {@code KEYWARD_TEMPORAL_CLI}, else {@code temporal} on {@code PATH}, else {@code
 * temporal-dev/.tools/venv/bin/temporal} above the working directory. Without one the tests are
 * skipped on a laptop and fail under CI ({@code CI=true}), whose script installs it.
 */
public final class DevServerCli {
  private DevServerCli() {}

  public static Path require() {
    Optional<Path> cli = locate();
    if (cli.isPresent()) {
      return cli.get();
    }
    String missing =
        "no Temporal CLI for the dev server: set KEYWARD_TEMPORAL_CLI or run"
            + " temporal-dev/install-temporal-cli";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(missing);
    }
    Assumptions.abort(missing);
    throw new AssertionError("unreachable");
  }

  private static Optional<Path> locate() {
    String named = System.getenv("KEYWARD_TEMPORAL_CLI");
    if (named != null && !named.isBlank()) {
      return Optional.of(Path.of(named.strip()));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "temporal"))) {
        return Optional.of(Path.of(dir, "temporal"));
      }
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path installed = dir.resolve("temporal-dev/.tools/venv/bin/temporal");
      if (Files.isExecutable(installed)) {
        return Optional.of(installed);
      }
    }
    return Optional.empty();
  }
}
