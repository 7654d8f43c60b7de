package io.keyward.bench;

/**
 * One measured figure beside its floor: the same thing done with nothing of Keyward's in the way
 * (the baseline workflow, or the Temporal client without the API).
 *
 * @param name what was measured
 * @param measured the figure's series
 * @param floor the floor's series
 * @param target the target in words, e.g. {@code p95 < 25 ms}
 * @param met whether the run met the target
 */
record Figure(
    String name,
    Latencies measured,
    String floorName,
    Latencies floor,
    String target,
    boolean met) {
  double ratioP95() {
    return measured.percentileMillis(95) / floor.percentileMillis(95);
  }
}
