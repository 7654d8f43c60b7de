package io.keyward.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time spent by this process (the worker, the API and the drivers) and by the processes it
 * started (the Temporal dev server), so that a batch of ceremonies can be priced in CPU
 * milliseconds on each side: on a machine whose cores are all busy, throughput is CPU per ceremony.
 */
final class CpuMeter {
  /**
   * CPU time used so far: this JVM's (and how much of it its JIT compilers took, as the JVM counts
   * compilation time) and its child processes' (those still running).
   */
  record Reading(long jvmNanos, long jitMillis, long serverNanos) {
    /** CPU milliseconds per item on each side from {@code earlier} to this reading. */
    Map<String, Double> perItemSince(Reading earlier, int items) {
      Map<String, Double> perItem = new LinkedHashMap<>();
      perItem.put("workerApiAndDrivers", tenths((jvmNanos - earlier.jvmNanos) / 1e6 / items));
      perItem.put("ofWhichJitCompiler", tenths((double) (jitMillis - earlier.jitMillis) / items));
      perItem.put("temporalServer", tenths((serverNanos - earlier.serverNanos) / 1e6 / items));
      return perItem;
    }

    private static double tenths(double ms) {
      return Math.round(ms * 10) / 10.0;
    }
  }

  private CpuMeter() {}

  static Reading read() {
    long jvm =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    long children =
        ProcessHandle.current()
            .descendants()
            .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
            .sum();
    return new Reading(
        jvm, ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), children);
  }
}
