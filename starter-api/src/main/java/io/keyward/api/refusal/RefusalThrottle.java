package io.keyward.api.refusal;

import io.dropwizard.lifecycle.Managed;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Counts each person's refused attempts in fixed windows. The first {@code limit} refusals of a
 * window are recorded one by one; after that the person's attempts answer 429 until the window
 * ends, reach no ceremony, and are counted. When the window ends (checked every window, and when
 * the application stops) the count becomes one {@value #THROTTLED} audit record, so repeating a
 * refused request can neither flood the audit trail nor go unrecorded.
 */
public final class RefusalThrottle implements Managed {
  /** The audit event type of the attempts one person made while throttled, with their count. */
  public static final String THROTTLED = "ATTEMPTS_THROTTLED";

  /** The audit subject of a person's throttled refused attempts. */
  public static String subjectOf(String actor) {
    return "refusals/" + actor;
  }

  private final String subjectPrefix;
  private final int limit;
  private final Duration window;
  private final AuditStore audit;
  private final Clock clock;
  private final Map<String, Window> windows = new HashMap<>();
  private ScheduledExecutorService flusher;

  /** A throttle of refused attempts, whose counts are recorded under {@link #subjectOf}. */
  public RefusalThrottle(int limit, Duration window, AuditStore audit, Clock clock) {
    this("refusals/", limit, window, audit, clock);
  }

  /**
   * @param subjectPrefix what the audit subject of a person's throttled attempts starts with, e.g.
   *     {@code sign-ins/}
   */
  public RefusalThrottle(
      String subjectPrefix, int limit, Duration window, AuditStore audit, Clock clock) {
    if (limit < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a refusal limit needs at least 1 per positive window");
    }
    this.subjectPrefix = subjectPrefix;
    this.limit = limit;
    this.window = window;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * @throws TooManyRefusalsException when {@code actor} has used up this window's refusals
   */
  void admit(String actor, Instant now) {
    Optional<Duration> wait = waitBefore(actor, now);
    if (wait.isPresent()) {
      throw new TooManyRefusalsException(actor, limit, window, wait.get());
    }
  }

  /**
   * How long {@code actor} must wait before an attempt is let through, when this window's refusals
   * are used up (the attempt is then counted as throttled); empty when it may go ahead.
   */
  public Optional<Duration> waitBefore(String actor, Instant now) {
    List<Closed> closed = new ArrayList<>();
    Instant retryAt = null;
    synchronized (windows) {
      Window current = current(actor, now, closed);
      if (current.refusals >= limit) {
        current.throttled++;
        retryAt = current.end;
      }
    }
    write(closed);
    return retryAt == null ? Optional.empty() : Optional.of(Duration.between(now, retryAt));
  }

  /** Counts a refusal; true when it is to be recorded, false when it is one too many. */
  public boolean countRefusal(String actor, Instant now) {
    List<Closed> closed = new ArrayList<>();
    boolean record;
    synchronized (windows) {
      Window current = current(actor, now, closed);
      record = current.refusals < limit;
      if (record) {
        current.refusals++;
      } else {
        current.throttled++;
      }
    }
    write(closed);
    return record;
  }

  /** Writes the records of the windows that have ended by now. */
  public void flushEnded() {
    Instant now = clock.instant();
    List<Closed> closed = new ArrayList<>();
    synchronized (windows) {
      for (Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, Window> entry = it.next();
        if (!now.isBefore(entry.getValue().end)) {
          closed.add(new Closed(entry.getKey(), entry.getValue()));
          it.remove();
        }
      }
    }
    write(closed);
  }

  @Override
  public void start() {
    flusher =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "keyward-refusal-throttle");
              thread.setDaemon(true);
              return thread;
            });
    long period = Math.max(1, window.toMillis());
    flusher.scheduleWithFixedDelay(this::flushEnded, period, period, TimeUnit.MILLISECONDS);
  }

  /** Writes every count still open, ended or not: nothing counted is lost at shutdown. */
  @Override
  public void stop() throws InterruptedException {
    if (flusher != null) {
      flusher.shutdown();
      flusher.awaitTermination(10, TimeUnit.SECONDS);
    }
    List<Closed> closed = new ArrayList<>();
    synchronized (windows) {
      windows.forEach((actor, open) -> closed.add(new Closed(actor, open)));
      windows.clear();
    }
    write(closed);
  }

  private Window current(String actor, Instant now, List<Closed> closed) {
    Window found = windows.get(actor);
    if (found != null && now.isBefore(found.end)) {
      return found;
    }
    if (found != null) {
      closed.add(new Closed(actor, found));
    }
    Window fresh = new Window(now, now.plus(window));
    windows.put(actor, fresh);
    return fresh;
  }

  private void write(List<Closed> closed) {
    for (Closed done : closed) {
      if (done.window.throttled == 0) {
        continue;
      }
      Instant until = done.window.end.isAfter(clock.instant()) ? clock.instant() : done.window.end;
      audit.append(
          new AuditEvent(
              UUID.randomUUID().toString(),
              subjectPrefix + done.actor,
              THROTTLED,
              done.actor,
              until,
              Map.of(
                  "count", Integer.toString(done.window.throttled),
                  "from", done.window.start.toString(),
                  "until", until.toString(),
                  "limit", limit + " per " + window)));
    }
  }

  private static final class Window {
    final Instant start;
    final Instant end;
    int refusals;
    int throttled;

    Window(Instant start, Instant end) {
      this.start = start;
      this.end = end;
    }
  }

  private record Closed(String actor, Window window) {}
}
