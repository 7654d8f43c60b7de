package io.keyward.workflows.incident;

import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationActivities;
import io.keyward.workflows.notify.NotificationTopic;
import java.util.ArrayList;
import java.util.List;

/** Keeps every notification sent, and logs it as {@code notify:<topic>:<title>}. */
public final class RecordingNotifications implements NotificationActivities {
  private final List<Notification> sent = new ArrayList<>();
  private final CallLog log;

  public RecordingNotifications(CallLog log) {
    this.log = log;
  }

  @Override
  public synchronized String send(Notification notification) {
    sent.add(notification);
    log.add("notify:" + notification.topic() + ":" + notification.title());
    return "recorded";
  }

  public synchronized List<Notification> sent() {
    return List.copyOf(sent);
  }

  public synchronized List<Notification> on(NotificationTopic topic) {
    return sent.stream().filter(n -> n.topic() == topic).toList();
  }

  public synchronized List<String> titles() {
    return sent.stream().map(Notification::title).toList();
  }
}
