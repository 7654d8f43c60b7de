package io.keyward.workflows.policy;

/**
 * How a key's lifecycle rotates it, decided by {@link RotationMatrix#modeFor} from the usage's
 * method and the classification's rotation rule (runbook 2.2, 6.1).
 */
public enum RotationMode {
  /** Rotates at the lifetime action without asking anyone (CONFIDENTIAL and below). */
  AUTOMATIC,
  /** Asks the matrix's approvers at the lifetime action and rotates once they approve (SECRET). */
  APPROVAL_GATE,
  /**
   * Never rotates by itself: reminds people that a manual rotation (runbook 6.3) is due (ULTRA, and
   * the CA keys whose method is manual).
   */
  MANUAL
}
