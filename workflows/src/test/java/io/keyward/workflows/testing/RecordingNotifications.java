package io.keyward.workflows.testing;

import io.keyward.workflows.incident.CallLog;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationActivities;
import io.keyward.workflows.notify.NotificationTopic;
import io.temporal.activity.Activity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A notifier that keeps what it was asked to send, with the (workflow) time the notification was
 * scheduled, so tests can check that a notice went out at T-30 or 7 days before expiry; given a
 * {@link CallLog}, it also logs each one as {@code notify:<topic>:<title>} among the other calls.
 */
public final class RecordingNotifications implements NotificationActivities {
  /** One notification as sent, and when. */
  public record Sent(Notification notification, Instant at) {
    public String title() {
      return notification.title();
    }
  }

  private final List<Sent> sent = new ArrayList<>();
  private final CallLog log;

  public RecordingNotifications() {
    this(null);
  }

  public RecordingNotifications(CallLog log) {
    this.log = log;
  }

  @Override
  public synchronized String send(Notification notification) {
    Instant at =
        Instant.ofEpochMilli(Activity.getExecutionContext().getInfo().getScheduledTimestamp());
    sent.add(new Sent(notification, at));
    notifyAll();
    if (log != null) {
      log.add("notify:" + notification.topic() + ":" + notification.title());
    }
    return "recorded";
  }

  public synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** The notifications whose title starts with {@code prefix}, in the order they were sent. */
  public synchronized List<Sent> titled(String prefix) {
    return sent.stream().filter(s -> s.title().startsWith(prefix)).toList();
  }

  /**
   * Waits (real time, up to 30 s) until at least {@code count} notifications titled {@code prefix}
   * were sent, then returns them all. Ceremonies send notices without waiting for them, so a test
   * that sees the phase after a notice may look before the notice arrived.
   */
  public synchronized List<Sent> awaitTitled(String prefix, int count) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (titled(prefix).size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return titled(prefix);
  }

  /** The notifications on {@code topic}, in the order they were sent. */
  public synchronized List<Notification> on(NotificationTopic topic) {
    return sent.stream().map(Sent::notification).filter(n -> n.topic() == topic).toList();
  }

  public synchronized List<String> titles() {
    return sent.stream().map(Sent::title).toList();
  }
}
