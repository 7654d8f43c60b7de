package io.keyward.workflows.common;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;

/**
 * The metrics scope to give Temporal's service stubs so that the SDK's own metrics (requests,
 * polls, task latencies, workflow completions) and the ceremonies' KPIs ({@link
 * io.keyward.workflows.ceremony.CeremonyMetrics}) land in a Micrometer registry. Tally buffers what
 * it counts and hands it to the registry every {@value #REPORT_EVERY_SECONDS} seconds, so a scrape
 * sees a count at most that late. The caller closes the scope after the stubs.
 */
public final class TemporalMetricsScope {
  /** How often tally hands its counts to the registry. */
  public static final int REPORT_EVERY_SECONDS = 1;

  private TemporalMetricsScope() {}

  public static Scope reportingTo(MeterRegistry registry) {
    return new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(com.uber.m3.util.Duration.ofSeconds(REPORT_EVERY_SECONDS));
  }

  /** Reports what is still buffered and stops the reporting thread. */
  public static void close(Scope scope) {
    try {
      scope.close();
    } catch (ScopeCloseException e) {
      throw new IllegalStateException("the Temporal metrics scope did not close", e);
    }
  }
}
