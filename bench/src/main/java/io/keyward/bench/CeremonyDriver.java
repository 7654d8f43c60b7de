package io.keyward.bench;

/** Plays the people of one ceremony from start to end, timing each decision's round trip. */
interface CeremonyDriver {
  /** Runs ceremony number {@code n} to its end and records each decision's round trip. */
  void run(int n, DecisionTimings timings) throws Exception;

  String name();
}
