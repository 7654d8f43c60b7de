package io.keyward.workflows.incident;

import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Sends an incident workflow's notifications beside its main flow, so a slow or unreachable
 * notifier never delays disabling a key or revoking access. A notification that could not be
 * delivered within its retries is handed to {@code onFailure} (which records it), never thrown. Use
 * from workflow code only; call {@link #awaitDelivered()} before the workflow returns.
 */
public final class IncidentNotifier {
  private final NotificationActivities notifications =
      Workflow.newActivityStub(NotificationActivities.class, IncidentActivityOptions.NOTIFY);
  private final List<Promise<Void>> pending = new ArrayList<>();
  private final BiConsumer<Notification, String> onFailure;

  /** {@code onFailure} gets the notification and why it was given up. */
  public IncidentNotifier(BiConsumer<Notification, String> onFailure) {
    this.onFailure = onFailure;
  }

  public void send(Notification notification) {
    pending.add(
        Async.procedure(
            () -> {
              try {
                notifications.send(notification);
              } catch (ActivityFailure failure) {
                onFailure.accept(notification, Failures.describe(failure));
              }
            }));
  }

  /** Waits until every notification sent so far was delivered or given up. */
  public void awaitDelivered() {
    for (Promise<Void> delivery : List.copyOf(pending)) {
      delivery.get();
    }
  }
}
