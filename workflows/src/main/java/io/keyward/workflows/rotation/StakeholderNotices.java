package io.keyward.workflows.rotation;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationTopic;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Tells the people behind a key's dependency map about its rotation: one notice per application
 * that uses the key (with its owner and contact) and one to the rotations channel naming them all.
 */
public final class StakeholderNotices {
  private final Notices notices;

  public StakeholderNotices(Notices notices) {
    this.notices = notices;
  }

  /** Returns how many notices the notifier took. */
  public int send(
      KeyRef key,
      List<KeyDependent> dependents,
      String subject,
      String title,
      String what,
      String link) {
    int sent = 0;
    for (KeyDependent dependent : dependents) {
      boolean delivered =
          notices.send(
              new Notification(
                  NotificationTopic.ROTATIONS,
                  Notification.Severity.INFO,
                  subject,
                  title,
                  dependent.application()
                      + " (owner "
                      + dependent.owner()
                      + ", contact "
                      + dependent.contact()
                      + ") uses "
                      + key
                      + ": "
                      + what,
                  link));
      sent += delivered ? 1 : 0;
    }
    boolean summary =
        notices.send(
            new Notification(
                NotificationTopic.ROTATIONS,
                Notification.Severity.INFO,
                subject,
                title,
                what
                    + "; applications: "
                    + (dependents.isEmpty()
                        ? "none recorded"
                        : dependents.stream()
                            .map(KeyDependent::application)
                            .collect(Collectors.joining(", "))),
                link));
    return sent + (summary ? 1 : 0);
  }
}
