package io.keyward.workflows.rotation;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The notices to the people behind a key's dependency map about its rotation: one per application
 * that uses the key (with its owner and contact) and one to the rotations channel naming them all.
 */
public final class StakeholderNotices {
  private StakeholderNotices() {}

  public static List<Notification> of(
      KeyRef key,
      List<KeyDependent> dependents,
      String subject,
      String title,
      String what,
      String link) {
    List<Notification> notices = new ArrayList<>();
    for (KeyDependent dependent : dependents) {
      notices.add(
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
    }
    notices.add(
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
    return List.copyOf(notices);
  }
}
