package io.keyward.bench;

/**
 * Where a driver records its decisions' round trips.
 *
 * @param answered decision sent until its answer (the Update's own result, or the API's 200 with
 *     the new state) is back
 * @param visible decision sent until a query shows it (the Update's answer followed by queries)
 * @param idleQuery one query to a workflow that has nothing in flight (its step's work done); null
 *     when not measured (it waits before each decision)
 */
record DecisionTimings(Latencies answered, Latencies visible, Latencies idleQuery) {
  DecisionTimings(Latencies answered, Latencies visible) {
    this(answered, visible, null);
  }

  static DecisionTimings discarded() {
    return new DecisionTimings(new Latencies(), new Latencies());
  }
}
