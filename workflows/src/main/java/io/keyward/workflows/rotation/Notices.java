package io.keyward.workflows.rotation;

import io.keyward.workflows.common.CeremonyAudit;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends notifications from workflow code. A notification that cannot be delivered after the retries
 * of {@link RotationActivityOptions#NOTIFY} is written to the audit trail as {@value #FAILED} and
 * the workflow goes on: a notifier being down never blocks a rotation.
 */
public final class Notices {
  public static final String FAILED = "NOTIFICATION_FAILED";

  private final NotificationActivities notifier =
      Workflow.newActivityStub(NotificationActivities.class, RotationActivityOptions.NOTIFY);
  private final CeremonyAudit audit;

  public Notices(CeremonyAudit audit) {
    this.audit = audit;
  }

  /** True when the notifier took it. */
  public boolean send(Notification notification) {
    try {
      notifier.send(notification);
      return true;
    } catch (ActivityFailure failure) {
      Map<String, String> details = new HashMap<>();
      details.put("topic", notification.topic().name());
      details.put("title", notification.title());
      details.put(
          "error",
          failure.getCause() instanceof ApplicationFailure app
              ? app.getType() + ": " + app.getOriginalMessage()
              : String.valueOf(failure.getCause()));
      audit.append(FAILED, null, details);
      return false;
    }
  }
}
