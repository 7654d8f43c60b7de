package io.keyward.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a driver records its decisions' round trips, how long its people look at a step before
 * deciding it, and how often they look whether the next step has opened.
 *
 * @param answered decision sent until its answer (the Update's own result, or the API's 200 with
 *     the new state) is back
 * @param visible decision sent until a query shows it (the Update's answer followed by queries);
 *     null when not measured (no query follows the answer)
 * @param idleQuery one query to a workflow that has nothing in flight (its step's work done); null
 *     when not measured (it waits before each decision)
 * @param think the pause between a step showing and its decision being sent ({@code --think}); a
 *     person reads the page first, while a driver without it decides within milliseconds of the
 *     step opening, as the step's own work (its notification) is still running
 * @param maxPoll the longest pause between two looks at a ceremony waiting for its next step: the
 *     pauses start at {@link #FIRST_POLL} and double up to it
 * @param queries how many looks (queries, or the API's GETs) the drivers made
 */
record DecisionTimings(
    Latencies answered,
    Latencies visible,
    Latencies idleQuery,
    Duration think,
    Duration maxPoll,
    AtomicLong queries) {
  static final Duration FIRST_POLL = Duration.ofMillis(2);

  /** How a throughput run's people look for their step: at most every 50 ms. */
  static final Duration THROUGHPUT_POLL = Duration.ofMillis(50);

  DecisionTimings(Latencies answered, Latencies visible, Latencies idleQuery, Duration think) {
    this(answered, visible, idleQuery, think, FIRST_POLL, new AtomicLong());
  }

  DecisionTimings(Latencies answered, Latencies visible, Duration think) {
    this(answered, visible, null, think);
  }

  /** Timings nobody reads: warm-up ceremonies, looking for each step every 2 ms. */
  static DecisionTimings discarded() {
    return new DecisionTimings(new Latencies(), null, Duration.ZERO);
  }

  /**
   * Whole ceremonies at a time, for the throughput: no query after a decision (its answer shows
   * it), and looks for the next step backing off from 2 to {@link #THROUGHPUT_POLL}, as people told
   * of a step would and not as a loop querying 500 times a second, whose queries would cost each
   * ceremony in proportion to how long its steps' work takes.
   */
  static DecisionTimings throughput() {
    return new DecisionTimings(
        new Latencies(), null, null, Duration.ZERO, THROUGHPUT_POLL, new AtomicLong());
  }

  /** Waits {@link #think} before a timed decision. */
  void thinkFirst() throws InterruptedException {
    if (!think.isZero()) {
      Thread.sleep(think.toMillis());
    }
  }

  /**
   * Looks at the ceremony until {@code open} says its step has opened, pausing between looks.
   *
   * @param open one look (a query or a GET): true once the step is open
   */
  void awaitStep(Look open) throws Exception {
    long pause = FIRST_POLL.toMillis();
    while (true) {
      queries.incrementAndGet();
      if (open.sees()) {
        return;
      }
      Thread.sleep(pause);
      pause = Math.min(pause * 2, maxPoll.toMillis());
    }
  }

  /** One look at a ceremony. */
  @FunctionalInterface
  interface Look {
    boolean sees() throws Exception;
  }
}
