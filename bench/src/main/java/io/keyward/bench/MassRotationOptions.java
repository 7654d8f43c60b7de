package io.keyward.bench;

import java.nio.file.Path;

/**
 * Options of the mass rotation figure ({@code bench/run --mass-rotation N}).
 *
 * @param keys keys rotated at once
 * @param vaults Premium vaults they are spread over, each a Key Vault stand-in of its own holding
 *     creations to 10 HSM keys per 10 s
 * @param workers worker instances in this process, each with its own database pool, Temporal client
 *     and Key Vault clients, that share the rate limit through the database
 * @param out where the numbers and the chart go
 * @param window the window Keyward's limit counts 10 creations in ({@code 10s} is Key Vault's own;
 *     a little more leaves room for the time a request takes to reach the vault), and how far ahead
 *     a creation may take its turn and wait for it ({@code wait}): a window's worth of turns taken
 *     ahead keeps each vault busy
 */
record MassRotationOptions(String cli, int keys, int vaults, int workers, Path out, String window) {
  static final String USAGE =
      "bench/run --mass-rotation 100 [--vaults 3] [--workers 2] [--window 10500ms]"
          + " [--out bench/target/bench] [--cli PATH]";

  static MassRotationOptions parse(String[] args) {
    String cli = System.getenv().getOrDefault("KEYWARD_TEMPORAL_CLI", "temporal");
    int keys = 100;
    int vaults = 3;
    int workers = 2;
    Path out = Path.of("bench", "target", "bench");
    String window = "10500ms";
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--mass-rotation" -> keys = ScaleOptions.atLeast(1, args[i], value);
        case "--vaults" -> vaults = ScaleOptions.atLeast(1, args[i], value);
        case "--workers" -> workers = ScaleOptions.atLeast(1, args[i], value);
        case "--out" -> out = Path.of(ScaleOptions.required(args[i], value));
        case "--cli" -> cli = ScaleOptions.required(args[i], value);
        case "--window" -> window = ScaleOptions.required(args[i], value);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
      }
    }
    return new MassRotationOptions(cli, keys, vaults, workers, out, window);
  }
}
