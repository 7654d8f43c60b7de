package io.keyward.activities.slack;

/**
 * The buttons Keyward puts on approval messages. The API's interactions endpoint reads the same
 * ids; a button's value is the workflow id of the ceremony it decides.
 */
public final class SlackActions {
  public static final String APPROVE = "keyward_approve";
  public static final String DENY = "keyward_deny";
  public static final String OPEN = "keyward_open";

  private SlackActions() {}

  /** Whether the ceremony's approvals may be offered as buttons: generation ceremonies only. */
  public static boolean decidable(String workflowId) {
    return workflowId != null
        && workflowId.startsWith("keygen/")
        && workflowId.split("/").length == 3;
  }
}
