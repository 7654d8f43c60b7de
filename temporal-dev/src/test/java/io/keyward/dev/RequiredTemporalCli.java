package io.keyward.dev;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The Temporal CLI for tests that run the real dev server, found as dev mode finds it ({@code
 * KEYWARD_TEMPORAL_CLI}, {@code PATH}, {@code temporal-dev/.tools/venv/bin/temporal} above the
 * working directory). Without one such a test is skipped on a laptop, but fails when {@code
 * CI=true}: on CI it must run, never pass by not running.
 */
final class RequiredTemporalCli {
  private RequiredTemporalCli() {}

  static Path get() {
    Optional<Path> cli = TemporalCli.locate(System.getenv(), Path.of("").toAbsolutePath());
    if (cli.isPresent()) {
      return cli.get();
    }
    String missing =
        "no Temporal CLI: set KEYWARD_TEMPORAL_CLI, put `temporal` on PATH, or run"
            + " temporal-dev/install-temporal-cli";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(missing + " (CI=true, so this test must run)");
    }
    Assumptions.abort(missing);
    throw new AssertionError("unreachable");
  }
}
