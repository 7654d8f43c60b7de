package io.keyward.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collected durations in microseconds, with percentiles. Thread-safe. */
final class Latencies {
  private final List<Long> micros = new ArrayList<>();

  synchronized void add(long nanos) {
    micros.add(nanos / 1_000);
  }

  synchronized double percentileMillis(double p) {
    if (micros.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index)) / 1000.0;
  }

  synchronized int count() {
    return micros.size();
  }

  /** The durations in the order they were measured, in microseconds. */
  synchronized List<Long> micros() {
    return List.copyOf(micros);
  }
}
