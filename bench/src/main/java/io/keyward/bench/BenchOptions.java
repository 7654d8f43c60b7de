package io.keyward.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of the benchmark, with defaults sized for a 2-core machine and a run of a
 * few minutes.
 *
 * @param warmup ceremonies of each kind run first and not measured
 * @param sequential ceremonies of each kind run one at a time for the round trips (5 decisions
 *     each)
 * @param ceremonies ceremonies of each kind for the throughput
 * @param inFlight ceremonies in flight during the throughput
 * @param reports compromise reports timed in each of the cold-warm and loaded series
 * @param background ceremonies left waiting for approval while the loaded reports are timed
 * @param dynamicConfig {@code --dynamic-config-value} arguments for the dev server
 * @param out where the raw numbers, the summary and the charts are written
 * @param pending generation ceremonies waiting for approval when the approver's inbox is timed
 *     (those started for the reports count); 0 skips the inbox
 * @param probe only the slow-mode probe: baseline round trips with and without a local activity in
 *     the Update, and Keyward's, one at a time
 * @param sticky whether the worker keeps workflows cached and polls a sticky queue (the SDK's
 *     default); {@code --no-sticky} sends every workflow task through the shared queue
 * @param think how long the drivers' people look at a step before each timed decision ({@code
 *     --think 200ms}); none by default
 */
record BenchOptions(
    String cli,
    int warmup,
    int sequential,
    int ceremonies,
    int inFlight,
    int reports,
    int background,
    List<String> dynamicConfig,
    Path out,
    int pending,
    boolean probe,
    boolean sticky,
    Duration think) {

  static final String USAGE =
      "bench/run [--warmup 10] [--sequential 30] [--ceremonies 100] [--in-flight 16]"
          + " [--reports 10] [--background 200] [--dynamic-config-value KEY=JSON]..."
          + " [--out bench/target/bench] [--pending 300] [--cli PATH] [--probe] [--no-sticky] [--think 0ms]";

  static BenchOptions parse(String[] args) {
    String cli = System.getenv().getOrDefault("KEYWARD_TEMPORAL_CLI", "temporal");
    int warmup = 10;
    int sequential = 30;
    int ceremonies = 100;
    int inFlight = 16;
    int reports = 10;
    int background = 200;
    List<String> dynamicConfig = new ArrayList<>();
    Path out = Path.of("bench", "target", "bench");
    int pending = 300;
    boolean probe = false;
    boolean sticky = true;
    Duration think = Duration.ZERO;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (args[i].equals("--probe") || args[i].equals("--no-sticky")) {
        probe |= args[i].equals("--probe");
        sticky &= !args[i].equals("--no-sticky");
        continue;
      }
      switch (args[i]) {
        case "--cli" -> cli = required(args[i], value);
        case "--warmup" -> warmup = atLeast(0, args[i], value);
        case "--sequential" -> sequential = atLeast(1, args[i], value);
        case "--ceremonies" -> ceremonies = atLeast(1, args[i], value);
        case "--in-flight" -> inFlight = atLeast(1, args[i], value);
        case "--reports" -> reports = atLeast(0, args[i], value);
        case "--background" -> background = atLeast(0, args[i], value);
        case "--dynamic-config-value" -> dynamicConfig.add(keyValue(args[i], value));
        case "--out" -> out = Path.of(required(args[i], value));
        case "--pending" -> pending = atLeast(0, args[i], value);
        case "--think" -> think = Duration.ofMillis(millis(args[i], value));
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
      }
      i++;
    }
    return new BenchOptions(
        cli,
        warmup,
        sequential,
        ceremonies,
        inFlight,
        reports,
        background,
        List.copyOf(dynamicConfig),
        out,
        pending,
        probe,
        sticky,
        think);
  }

  private static String required(String option, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }

  private static String keyValue(String option, String value) {
    if (value == null || value.indexOf('=') <= 0) {
      throw new IllegalArgumentException(option + " needs KEY=JSON, was " + value);
    }
    return value;
  }

  private static int millis(String option, String value) {
    String number = value == null ? null : value.replaceFirst("ms$", "");
    return atLeast(0, option, number);
  }

  private static int atLeast(int min, String option, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        option + " needs a number of at least " + min + ", was " + value);
  }
}
