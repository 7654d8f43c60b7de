package io.keyward.workflows.ceremony;

import com.uber.m3.tally.Scope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;

/**
 * The runbook's KPIs (12.1) that only a ceremony knows, reported through the workflow's metrics
 * scope: Temporal drops them while a history is replayed, so each is counted once however often the
 * workflow is replayed, and the worker's Micrometer registry exports them. Labels are kinds and
 * outcomes, never a key, a person or a justification. Workflow code only.
 */
public final class CeremonyMetrics {
  /** Counter of finished rotations by {@code kind} and {@code outcome}: the success rate. */
  public static final String ROTATIONS = "keyward_rotations";

  /** Timer from a compromise report accepted to every version confirmed disabled (SLO 15 min). */
  public static final String TIME_TO_DISABLE = "keyward_compromise_time_to_disable";

  /** A manual rotation (runbook 6.3). */
  public static final String MANUAL = "manual";

  /** A policy-driven automatic rotation (runbook 6.1, 6.2). */
  public static final String AUTOMATIC = "automatic";

  private CeremonyMetrics() {}

  /**
   * Counts a rotation that ended: {@code outcome} is its last phase ({@code COMPLETED}, {@code
   * FAILED}, ...) or, for an automatic one, {@code COMPLETED} or {@code FAILED}.
   */
  public static void rotationFinished(String kind, String outcome) {
    scope().tagged(Map.of("kind", kind, "outcome", outcome)).counter(ROTATIONS).inc(1);
  }

  /** Records how long a compromised key stayed enabled after the report was accepted. */
  public static void keyDisabled(Duration timeToDisable) {
    scope()
        .timer(TIME_TO_DISABLE)
        .record(com.uber.m3.util.Duration.ofNanos(timeToDisable.toNanos()));
  }

  private static Scope scope() {
    return Workflow.getMetricsScope();
  }
}
