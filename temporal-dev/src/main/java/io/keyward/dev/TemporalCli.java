package io.keyward.dev;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the Temporal CLI that runs the dev server: {@code KEYWARD_TEMPORAL_CLI} when set, else
 * {@code temporal} on {@code PATH}, else the copy {@code temporal-dev/install-temporal-cli}
 * installs into {@code temporal-dev/.tools/venv/bin/temporal} of the repository that holds the
 * working directory.
 */
public final class TemporalCli {
  /** Names the CLI to use; a path that is not an executable file is an error, not a fallback. */
  public static final String ENV = "KEYWARD_TEMPORAL_CLI";

  static final Path INSTALLED = Path.of("temporal-dev", ".tools", "venv", "bin", "temporal");

  private TemporalCli() {}

  /**
   * The CLI to use, or empty when there is none.
   *
   * @throws IllegalArgumentException when {@code KEYWARD_TEMPORAL_CLI} names no executable file
   */
  public static Optional<Path> locate(Map<String, String> env, Path workingDir) {
    String named = env.get(ENV);
    if (named != null && !named.isBlank()) {
      Path cli = Path.of(named.strip());
      if (!isExecutableFile(cli)) {
        throw new IllegalArgumentException(
            ENV + " must name the Temporal CLI executable, but " + cli + " is not one");
      }
      return Optional.of(cli.toAbsolutePath());
    }
    return onPath(env.getOrDefault("PATH", "")).or(() -> installedAbove(workingDir));
  }

  private static Optional<Path> onPath(String path) {
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        Path candidate = Path.of(dir, "temporal");
        if (isExecutableFile(candidate)) {
          return Optional.of(candidate.toAbsolutePath());
        }
      }
    }
    return Optional.empty();
  }

  /** Looks in the working directory and its parents, so a module directory finds it too. */
  private static Optional<Path> installedAbove(Path workingDir) {
    for (Path dir = workingDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(INSTALLED);
      if (isExecutableFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static boolean isExecutableFile(Path path) {
    return Files.isRegularFile(path) && Files.isExecutable(path);
  }
}
