package io.keyward.workflows.servicenow;

import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationActivities;
import java.util.ArrayList;
import java.util.List;

/** Keeps what would have been sent. */
final class RecordingNotifications implements NotificationActivities {
  private final List<Notification> sent = new ArrayList<>();

  @Override
  public synchronized String send(Notification notification) {
    sent.add(notification);
    return "memory";
  }

  synchronized List<Notification> sent() {
    return List.copyOf(sent);
  }
}
