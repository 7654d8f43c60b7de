package io.keyward.api.auth;

import io.dropwizard.lifecycle.Managed;
import io.keyward.api.refusal.RefusalThrottle;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Counts the sign-in attempts refused while throttled, whose password was never checked, and writes
 * their count to the audit trail as one {@value RefusalThrottle#THROTTLED} record per subject every
 * {@code every}, and at stop: every attempt is recorded, and a flood of them cannot flood the
 * trail.
 */
final class ThrottledAttempts implements Managed {
  private final AuditStore audit;
  private final Clock clock;
  private final Duration every;
  private final Map<String, Counted> counts = new HashMap<>();
  private ScheduledExecutorService flusher;

  ThrottledAttempts(AuditStore audit, Clock clock, Duration every) {
    this.audit = audit;
    this.clock = clock;
    this.every = every;
  }

  /** Counts one refused attempt under the audit {@code subject}, made as {@code actor}. */
  void count(String subject, String actor, String why) {
    Instant now = clock.instant();
    synchronized (counts) {
      counts.computeIfAbsent(subject, s -> new Counted(actor, why, now)).attempts++;
    }
  }

  /** Writes every count held now. */
  void flush() {
    List<Map.Entry<String, Counted>> taken;
    synchronized (counts) {
      taken = List.copyOf(counts.entrySet());
      counts.clear();
    }
    Instant now = clock.instant();
    for (Map.Entry<String, Counted> entry : taken) {
      Counted counted = entry.getValue();
      audit.append(
          new AuditEvent(
              UUID.randomUUID().toString(),
              entry.getKey(),
              RefusalThrottle.THROTTLED,
              counted.actor,
              now,
              Map.of(
                  "count", Integer.toString(counted.attempts),
                  "from", counted.since.toString(),
                  "until", now.toString(),
                  "refusal", counted.why)));
    }
  }

  @Override
  public void start() {
    flusher =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "keyward-throttled-sign-ins");
              thread.setDaemon(true);
              return thread;
            });
    long period = Math.max(1, every.toMillis());
    flusher.scheduleWithFixedDelay(this::flush, period, period, TimeUnit.MILLISECONDS);
  }

  /** Writes what is still counted; the audit store must still be open. */
  @Override
  public void stop() throws InterruptedException {
    if (flusher != null) {
      flusher.shutdown();
      flusher.awaitTermination(10, TimeUnit.SECONDS);
    }
    flush();
  }

  private static final class Counted {
    final String actor;
    final String why;
    final Instant since;
    int attempts;

    Counted(String actor, String why, Instant since) {
      this.actor = actor;
      this.why = why;
      this.since = since;
    }
  }
}
