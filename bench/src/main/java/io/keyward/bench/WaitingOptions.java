package io.keyward.bench;

import java.nio.file.Path;

/**
 * Options of the waiting-ceremonies figure ({@code bench/run --waiting N}).
 *
 * @param ceremonies generation ceremonies started and left waiting for their approvers
 * @param cacheSize the worker's workflow cache (the SDK's default is 600)
 * @param samples how many times the heap is measured while they start
 * @param out where the numbers, the chart and the dev server's database file go
 */
record WaitingOptions(String cli, int ceremonies, int cacheSize, int samples, Path out) {
  /** The Temporal SDK's default workflow cache size. */
  static final int SDK_CACHE_SIZE = 600;

  static final String USAGE =
      "bench/run --waiting 2000 [--cache 600] [--samples 20] [--out bench/target/bench]"
          + " [--cli PATH]";

  static WaitingOptions parse(String[] args) {
    String cli = System.getenv().getOrDefault("KEYWARD_TEMPORAL_CLI", "temporal");
    int ceremonies = 2000;
    int cacheSize = SDK_CACHE_SIZE;
    int samples = 20;
    Path out = Path.of("bench", "target", "bench");
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--waiting" -> ceremonies = ScaleOptions.atLeast(1, args[i], value);
        case "--cache" -> cacheSize = ScaleOptions.atLeast(0, args[i], value);
        case "--samples" -> samples = ScaleOptions.atLeast(1, args[i], value);
        case "--out" -> out = Path.of(ScaleOptions.required(args[i], value));
        case "--cli" -> cli = ScaleOptions.required(args[i], value);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
      }
    }
    return new WaitingOptions(cli, ceremonies, cacheSize, samples, out);
  }
}
