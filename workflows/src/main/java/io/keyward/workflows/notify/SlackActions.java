package io.keyward.workflows.notify;

import java.util.Optional;

/**
 * The buttons Keyward puts on messages that ask for an answer. The API's interactions endpoint
 * reads the same ids; a button's value is the workflow id of the ceremony it answers: a generation
 * ({@code keygen/vault/name}), a manual rotation ({@code rotation/vault/name}), a key lifecycle's
 * approval gate ({@code lifecycle/vault/name}), a break-glass session ({@code breakglass/incident})
 * or a compromise response ({@code compromise/incident}).
 */
public final class SlackActions {
  public static final String APPROVE = "keyward_approve";
  public static final String DENY = "keyward_deny";
  public static final String ACKNOWLEDGE = "keyward_acknowledge";
  public static final String OPEN = "keyward_open";

  private SlackActions() {}

  /** The kinds of ceremony a Slack button may answer, and the answer each takes. */
  public enum Ceremony {
    GENERATION(NoticeAction.APPROVE_OR_DENY),
    ROTATION(NoticeAction.APPROVE_OR_DENY),
    LIFECYCLE(NoticeAction.APPROVE_OR_DENY),
    BREAK_GLASS(NoticeAction.APPROVE_OR_DENY),
    COMPROMISE(NoticeAction.ACKNOWLEDGE);

    private final NoticeAction answer;

    Ceremony(NoticeAction answer) {
      this.answer = answer;
    }

    public NoticeAction answer() {
      return answer;
    }
  }

  /** Which ceremony a workflow id names, when a button may answer it. */
  public static Optional<Ceremony> ceremonyOf(String workflowId) {
    if (workflowId == null) {
      return Optional.empty();
    }
    String[] parts = workflowId.split("/", -1);
    if (!filled(parts)) {
      return Optional.empty();
    }
    if (parts.length == 3) {
      return switch (parts[0]) {
        case "keygen" -> Optional.of(Ceremony.GENERATION);
        case "rotation" -> Optional.of(Ceremony.ROTATION);
        case "lifecycle" -> Optional.of(Ceremony.LIFECYCLE);
        default -> Optional.empty();
      };
    }
    if (parts.length == 2) {
      return switch (parts[0]) {
        case "breakglass" -> Optional.of(Ceremony.BREAK_GLASS);
        case "compromise" -> Optional.of(Ceremony.COMPROMISE);
        default -> Optional.empty();
      };
    }
    return Optional.empty();
  }

  /** Whether a button may answer the ceremony {@code workflowId} names. */
  public static boolean decidable(String workflowId) {
    return ceremonyOf(workflowId).isPresent();
  }

  /**
   * The answer the message's buttons offer: the one the notice asks for, when its subject is a
   * ceremony that takes that answer. Notices that only tell, and ULTRA-scoped decisions (for which
   * the ceremony asks nothing in chat), get the link alone. A click on a step that no longer waits
   * is refused by the ceremony itself, as it would be from the web page.
   */
  public static Optional<NoticeAction> offered(Notification n) {
    if (n.action() == null) {
      return Optional.empty();
    }
    return ceremonyOf(n.subject())
        .filter(ceremony -> ceremony.answer() == n.action())
        .map(Ceremony::answer);
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
