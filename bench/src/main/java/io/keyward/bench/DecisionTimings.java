package io.keyward.bench;

/**
 * Where a driver records its decisions' round trips.
 *
 * @param answered decision sent until its answer (the Update's own result, or the API's 200 with
 *     the new state) is back
 * @param visible decision sent until a query shows it (the Update's answer followed by queries)
 */
record DecisionTimings(Latencies answered, Latencies visible) {
  static DecisionTimings discarded() {
    return new DecisionTimings(new Latencies(), new Latencies());
  }
}
