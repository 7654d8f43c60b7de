package io.keyward.dev;

import java.nio.file.Path;
import java.util.Optional;

/** Dev-mode settings for a test on the real Temporal dev server, on ports nobody else uses. */
final class DevServerSettings {
  private DevServerSettings() {}

  static DevSettings onFreePorts(Path dataDir, Path cli) {
    return new DevSettings(
        0,
        0,
        Ports.freeOrAny(0, DevSettings.TEMPORAL_PORT),
        Ports.freeOrAny(0, DevSettings.TEMPORAL_UI_PORT),
        dataDir,
        Optional.of(cli),
        Path.of("config", "dev.yml"));
  }
}
