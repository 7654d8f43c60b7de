package io.keyward.workflows.testing;

import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationActivities;
import io.temporal.activity.Activity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A notifier that keeps what it was asked to send, with the (workflow) time the notification was
 * scheduled, so tests can check that a notice went out at T-30 or 7 days before expiry.
 */
public final class RecordingNotifications implements NotificationActivities {
  /** One notification as sent, and when. */
  public record Sent(Notification notification, Instant at) {
    public String title() {
      return notification.title();
    }
  }

  private final List<Sent> sent = new ArrayList<>();

  @Override
  public synchronized String send(Notification notification) {
    Instant at =
        Instant.ofEpochMilli(Activity.getExecutionContext().getInfo().getScheduledTimestamp());
    sent.add(new Sent(notification, at));
    return "recorded";
  }

  public synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** The notifications whose title starts with {@code prefix}, in the order they were sent. */
  public synchronized List<Sent> titled(String prefix) {
    return sent.stream().filter(s -> s.title().startsWith(prefix)).toList();
  }
}
