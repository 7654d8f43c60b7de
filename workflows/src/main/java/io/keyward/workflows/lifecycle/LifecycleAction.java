package io.keyward.workflows.lifecycle;

/**
 * What a key's lifecycle does next on its own (runbook 6.2 lifetime actions and their follow-up).
 */
public enum LifecycleAction {
  /** Create a new version: 30 days before expiry. */
  ROTATE,
  /** Ask the approvers of a gated key to approve the rotation: 30 days before expiry. */
  REQUEST_ROTATION_APPROVAL,
  /** Tell people the version expires in 7 days. */
  NOTIFY_EXPIRY,
  /** Disable the replaced version once it expired, then start the next cycle. */
  RETIRE_OLD_VERSION,
  /** Tell people a manual rotation is due. */
  REMIND_MANUAL_ROTATION,
  /** Tell people the version has expired without a rotation. */
  ALERT_EXPIRED,
  /** Look again whether the key was rotated meanwhile. */
  RECHECK,
  NONE
}
