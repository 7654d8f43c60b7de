package io.keyward.workflows.notify;

import io.keyward.workflows.policy.Classification;

/**
 * The answer a notification asks of its readers that a chat message may take with a button. A
 * notice carries one only when policy lets the answer come from chat: never for an ULTRA key's
 * decisions nor for a Level 2 or 3 break-glass authorisation (runbook 3.3, 8.3), which are taken in
 * Keyward's own pages. Whoever clicks is still checked by the ceremony, as on the web page.
 */
public enum NoticeAction {
  /** Approve or deny the decision the notice's subject waits for. */
  APPROVE_OR_DENY,
  /** Acknowledge the incident the notice's subject responds to (runbook 17.2). */
  ACKNOWLEDGE;

  /** Approve or deny for a decision on a key of this classification; null for ULTRA. */
  public static NoticeAction decisionOn(Classification classification) {
    return classification == Classification.ULTRA ? null : APPROVE_OR_DENY;
  }
}
