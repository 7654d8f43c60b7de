package io.keyward.dev;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where dev mode listens and keeps its state. Port 0 means any free port (tests use it); the data
 * directory holds the Temporal database, the software keystore, the audit trail and the dev master
 * secret, so deleting it starts Keyward from nothing.
 *
 * @param temporalCli the CLI that runs the dev server; empty selects the in-process test server,
 *     whose state does not survive the process
 * @param config the Dropwizard configuration of the API, normally {@code
 *     temporal-dev/config/dev.yml}
 */
public record DevSettings(
    int httpPort,
    int adminPort,
    int temporalPort,
    int temporalUiPort,
    Path dataDir,
    Optional<Path> temporalCli,
    Path config) {

  public static final String HTTP_PORT = "KEYWARD_HTTP_PORT";
  public static final String ADMIN_PORT = "KEYWARD_ADMIN_PORT";
  public static final String TEMPORAL_PORT = "KEYWARD_TEMPORAL_PORT";
  public static final String TEMPORAL_UI_PORT = "KEYWARD_TEMPORAL_UI_PORT";
  public static final String DATA_DIR = "KEYWARD_DATA_DIR";

  public static final Path DEFAULT_CONFIG = Path.of("temporal-dev", "config", "dev.yml");

  public DevSettings {
    requirePort(httpPort, HTTP_PORT);
    requirePort(adminPort, ADMIN_PORT);
    requirePort(temporalPort, TEMPORAL_PORT);
    requirePort(temporalUiPort, TEMPORAL_UI_PORT);
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(temporalCli, "temporalCli");
    Objects.requireNonNull(config, "config");
  }

  /**
   * From {@code KEYWARD_HTTP_PORT} (8080), {@code KEYWARD_ADMIN_PORT} (8081), {@code
   * KEYWARD_TEMPORAL_PORT} (7233), {@code KEYWARD_TEMPORAL_UI_PORT} (8233), {@code
   * KEYWARD_DATA_DIR} ({@code data}), relative paths taken from {@code workingDir}, and the CLI
   * {@link TemporalCli} finds; the only argument, if any, is the configuration file.
   */
  public static DevSettings fromEnvironment(
      Map<String, String> env, List<String> args, Path workingDir) {
    if (args.size() > 1) {
      throw new IllegalArgumentException(
          "expected at most one argument, the configuration file; got " + args);
    }
    return new DevSettings(
        port(env, HTTP_PORT, 8080),
        port(env, ADMIN_PORT, 8081),
        port(env, TEMPORAL_PORT, 7233),
        port(env, TEMPORAL_UI_PORT, 8233),
        workingDir.toAbsolutePath().resolve(env.getOrDefault(DATA_DIR, "data")).normalize(),
        TemporalCli.locate(env, workingDir),
        args.isEmpty() ? DEFAULT_CONFIG : Path.of(args.get(0)));
  }

  /** The Temporal dev server's SQLite file and log live here. */
  public Path temporalDir() {
    return dataDir.resolve("temporal");
  }

  private static int port(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a port number between 0 and 65535, was '" + value + "'");
    }
  }

  private static void requirePort(int port, String name) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          name + " must be a port number between 0 and 65535, was " + port);
    }
  }
}
