package io.keyward.workflows.notify;

import io.temporal.activity.ActivityInterface;

/**
 * Tells people. Delivery failures are retried by the activity's policy and then given up with an
 * audit record: a notifier being down never blocks or fails a ceremony.
 */
@ActivityInterface(namePrefix = "Notify")
public interface NotificationActivities {
  /** Sends the notification; returns where it went (e.g. "log", "slack:#security-incidents"). */
  String send(Notification notification);
}
