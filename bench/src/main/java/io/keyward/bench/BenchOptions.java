package io.keyward.bench;

/** Command-line options of the benchmark, with defaults sized for a 2-core machine. */
record BenchOptions(String cli, int warmup, int sequential, int ceremonies, int inFlight) {
  static BenchOptions parse(String[] args) {
    String cli = System.getenv().getOrDefault("KEYWARD_TEMPORAL_CLI", "temporal");
    int warmup = 20;
    int sequential = 50;
    int ceremonies = 200;
    int inFlight = 16;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--cli" -> cli = value;
        case "--warmup" -> warmup = positive(args[i], value);
        case "--sequential" -> sequential = positive(args[i], value);
        case "--ceremonies" -> ceremonies = positive(args[i], value);
        case "--in-flight" -> inFlight = positive(args[i], value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    return new BenchOptions(cli, warmup, sequential, ceremonies, inFlight);
  }

  private static int positive(String option, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(option + " needs a positive number, was " + value);
  }
}
