package io.keyward.workflows.ceremony;

import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one way ceremonies tell people. {@link #send} returns at once: the notification is delivered
 * beside the ceremony, so a slow or unreachable notifier never delays disabling a key, revoking
 * access or the next step. A notification given up after the retries of {@link #OPTIONS} is written
 * to the timeline and the audit trail as {@value #FAILED} (topic, title and why), never thrown.
 * Call {@link #awaitDelivered} before the workflow returns or continues as new, so no notification
 * is abandoned. Workflow code only.
 */
public final class CeremonyNotifier {
  /** The audit type and timeline action of a notification that was given up. */
  public static final String FAILED = "NOTIFICATION_FAILED";

  /**
   * Retried with backoff for ten minutes, then given up. A notification no worker can take (an
   * IllegalArgumentException: malformed, or no implementation registered) is not retried.
   */
  public static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setDoNotRetry(IllegalArgumentException.class.getName())
                  .build())
          .build();

  private final NotificationActivities notifications =
      Workflow.newActivityStub(NotificationActivities.class, OPTIONS);
  private final List<Promise<Void>> pending = new ArrayList<>();
  private final CeremonyRecord record;

  /** {@code record} takes the notifications that were given up. */
  public CeremonyNotifier(CeremonyRecord record) {
    this.record = record;
  }

  /** Sends without waiting; a null notification (nothing to tell) is ignored. */
  public void send(Notification notification) {
    if (notification == null) {
      return;
    }
    pending.add(Async.procedure(() -> deliver(notification)));
  }

  /** Sends each, without waiting. */
  public void sendAll(List<Notification> notifications) {
    notifications.forEach(this::send);
  }

  /** Waits until every notification sent so far was delivered or given up. */
  public void awaitDelivered() {
    for (Promise<Void> delivery : List.copyOf(pending)) {
      delivery.get();
    }
  }

  private void deliver(Notification notification) {
    try {
      notifications.send(notification);
    } catch (ActivityFailure failure) {
      String why = ActivityFailures.describe(failure);
      record.step(
          FAILED,
          notification.title() + ": " + why,
          FAILED,
          Map.of("topic", notification.topic().name(), "title", notification.title(), "why", why));
    }
  }
}
