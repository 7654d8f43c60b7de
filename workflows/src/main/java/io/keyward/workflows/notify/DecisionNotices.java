package io.keyward.workflows.notify;

/**
 * Title openings of the notifications that ask people for a decision, shared by the workflows that
 * send them and the chat integrations that put Approve / Deny buttons only on those.
 */
public final class DecisionNotices {
  public static final String BREAK_GLASS_DECLARED = "Break-glass declared";
  public static final String ROTATION_APPROVAL = "Key rotation needs approval";

  private DecisionNotices() {}
}
