package io.keyward.activities.slack;

import io.keyward.workflows.notify.DecisionNotices;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationTopic;
import java.util.Optional;

/**
 * The buttons Keyward puts on messages about waiting decisions. The API's interactions endpoint
 * reads the same ids; a button's value is the workflow id of the ceremony it decides: a generation
 * ({@code keygen/vault/name}), a manual rotation ({@code rotation/vault/name}) or a break-glass
 * session ({@code breakglass/incident}).
 */
public final class SlackActions {
  public static final String APPROVE = "keyward_approve";
  public static final String DENY = "keyward_deny";
  public static final String OPEN = "keyward_open";

  private SlackActions() {}

  /** The kinds of ceremony whose approvals a Slack button may decide. */
  public enum Ceremony {
    GENERATION,
    ROTATION,
    BREAK_GLASS
  }

  /** Which ceremony a workflow id names, when a button may decide its approvals. */
  public static Optional<Ceremony> ceremonyOf(String workflowId) {
    if (workflowId == null) {
      return Optional.empty();
    }
    String[] parts = workflowId.split("/", -1);
    if (parts.length == 3 && parts[0].equals("keygen") && filled(parts)) {
      return Optional.of(Ceremony.GENERATION);
    }
    if (parts.length == 3 && parts[0].equals("rotation") && filled(parts)) {
      return Optional.of(Ceremony.ROTATION);
    }
    if (parts.length == 2 && parts[0].equals("breakglass") && filled(parts)) {
      return Optional.of(Ceremony.BREAK_GLASS);
    }
    return Optional.empty();
  }

  /** Whether a button may decide the approvals of the ceremony {@code workflowId} names. */
  public static boolean decidable(String workflowId) {
    return ceremonyOf(workflowId).isPresent();
  }

  /**
   * Whether the notification gets Approve / Deny buttons: an approval waiting in a generation, a
   * manual rotation's approval request, or a break-glass session's declaration (where its
   * authorisation is asked). Other notices of those ceremonies (reminders, grants, revocations)
   * carry only the link. A click on a step that no longer waits is refused by the ceremony itself,
   * as it would be from the web page.
   */
  public static boolean offersDecision(Notification n) {
    return ceremonyOf(n.subject())
        .map(
            ceremony ->
                switch (ceremony) {
                  case BREAK_GLASS ->
                      n.topic() == NotificationTopic.BREAK_GLASS
                          && n.title().startsWith(DecisionNotices.BREAK_GLASS_DECLARED);
                  case ROTATION ->
                      n.topic() == NotificationTopic.APPROVALS
                          && n.title().startsWith(DecisionNotices.ROTATION_APPROVAL);
                  default -> n.topic() == NotificationTopic.APPROVALS;
                })
        .orElse(false);
  }

  private static boolean filled(String[] parts) {
    for (String part : parts) {
      if (part.isBlank()) {
        return false;
      }
    }
    return true;
  }
}
