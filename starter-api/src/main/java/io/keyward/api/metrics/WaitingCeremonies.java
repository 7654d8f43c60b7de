package io.keyward.api.metrics;

import io.keyward.workflows.common.KeywardSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What waits on people, read from Temporal's visibility by the search attributes every ceremony
 * publishes, at most once per cache period however often Prometheus scrapes: the ceremonies waiting
 * for an approval or authorisation, by kind, with the oldest wait, and the break-glass sessions
 * whose access is live. A wait starts when the ceremony started, or for a ceremony with a due date
 * in the past ({@code KeywardDueAt}, a manual rotation's date T) at that date. When visibility
 * cannot answer (the in-process test server has none), the snapshot is {@link Snapshot#UNAVAILABLE}
 * and the gauges show NaN.
 */
public final class WaitingCeremonies {
  /** Kinds with an approval gate, as their {@code KeywardKind}. */
  public static final List<String> KINDS =
      List.of("KeyGeneration", "ManualRotation", "KeyLifecycle", "BreakGlass");

  static final String QUERY =
      "ExecutionStatus = 'Running' AND KeywardPhase IN"
          + " ('AWAITING_APPROVAL', 'AWAITING_AUTHORISATION', 'AWAITING_ROTATION_APPROVAL',"
          + " 'ACTIVE')";

  private static final Logger LOG = LoggerFactory.getLogger(WaitingCeremonies.class);
  private static final int MAX_LISTED = 10_000;

  /** One read of visibility. */
  public record Snapshot(
      boolean available,
      Map<String, Integer> waiting,
      Map<String, Duration> oldestWait,
      int breakGlassActive) {
    public static final Snapshot UNAVAILABLE = new Snapshot(false, Map.of(), Map.of(), 0);

    public double waiting(String kind) {
      return available ? waiting.getOrDefault(kind, 0) : Double.NaN;
    }

    public double oldestWaitSeconds(String kind) {
      return available
          ? oldestWait.getOrDefault(kind, Duration.ZERO).toMillis() / 1000.0
          : Double.NaN;
    }

    public double breakGlassActiveOrNaN() {
      return available ? breakGlassActive : Double.NaN;
    }
  }

  private final WorkflowClient client;
  private final Clock clock;
  private final Duration cacheFor;
  private Snapshot last;
  private Instant lastAt = Instant.MIN;

  public WaitingCeremonies(WorkflowClient client, Clock clock, Duration cacheFor) {
    this.client = client;
    this.clock = clock;
    this.cacheFor = cacheFor;
  }

  /** The latest snapshot, read again when the cached one is older than the cache period. */
  public synchronized Snapshot snapshot() {
    Instant now = clock.instant();
    if (last == null || !now.isBefore(lastAt.plus(cacheFor))) {
      last = read(now);
      lastAt = now;
    }
    return last;
  }

  private Snapshot read(Instant now) {
    Map<String, Integer> waiting = new HashMap<>();
    Map<String, Duration> oldest = new HashMap<>();
    int active = 0;
    try {
      List<WorkflowExecutionMetadata> running =
          client.listExecutions(QUERY).limit(MAX_LISTED).toList();
      for (WorkflowExecutionMetadata run : running) {
        var attributes = run.getTypedSearchAttributes();
        String kind = attributes.get(KeywardSearchAttributes.KIND);
        String phase = attributes.get(KeywardSearchAttributes.PHASE);
        if ("ACTIVE".equals(phase)) {
          active += "BreakGlass".equals(kind) ? 1 : 0;
          continue;
        }
        if (kind == null) {
          continue;
        }
        Duration age = Duration.between(waitingSince(run), now);
        waiting.merge(kind, 1, Integer::sum);
        oldest.merge(kind, age.isNegative() ? Duration.ZERO : age, WaitingCeremonies::longer);
      }
      return new Snapshot(true, waiting, oldest, active);
    } catch (RuntimeException unavailable) {
      LOG.debug("Visibility does not answer; the waiting gauges show NaN", unavailable);
      return Snapshot.UNAVAILABLE;
    }
  }

  private Instant waitingSince(WorkflowExecutionMetadata run) {
    Instant started = run.getStartTime();
    Optional<Instant> due =
        Optional.ofNullable(run.getTypedSearchAttributes().get(KeywardSearchAttributes.DUE_AT))
            .map(OffsetDateTime::toInstant);
    return due.filter(d -> d.isAfter(started) && !d.isAfter(clock.instant())).orElse(started);
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
