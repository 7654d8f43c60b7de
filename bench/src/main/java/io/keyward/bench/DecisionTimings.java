package io.keyward.bench;

import java.time.Duration;

/**
 * Where a driver records its decisions' round trips, and how long its people look at a step before
 * deciding it.
 *
 * @param answered decision sent until its answer (the Update's own result, or the API's 200 with
 *     the new state) is back
 * @param visible decision sent until a query shows it (the Update's answer followed by queries)
 * @param idleQuery one query to a workflow that has nothing in flight (its step's work done); null
 *     when not measured (it waits before each decision)
 * @param think the pause between a step showing and its decision being sent ({@code --think}); a
 *     person reads the page first, while a driver without it decides within milliseconds of the
 *     step opening, as the step's own work (its notification) is still running
 */
record DecisionTimings(Latencies answered, Latencies visible, Latencies idleQuery, Duration think) {
  DecisionTimings(Latencies answered, Latencies visible, Duration think) {
    this(answered, visible, null, think);
  }

  static DecisionTimings discarded() {
    return new DecisionTimings(new Latencies(), new Latencies(), Duration.ZERO);
  }

  /** Waits {@link #think} before a timed decision. */
  void thinkFirst() throws InterruptedException {
    if (!think.isZero()) {
      Thread.sleep(think.toMillis());
    }
  }
}
