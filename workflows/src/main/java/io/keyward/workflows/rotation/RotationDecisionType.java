package io.keyward.workflows.rotation;

/** What a person does at a step of a manual rotation (runbook 6.3). */
public enum RotationDecisionType {
  /** Security team: the rotation requirements are reviewed and the pre-rotation checks pass. */
  APPROVE_REVIEW,
  /** Security team: the rotation must not go ahead; it ends REJECTED. */
  REJECT_REVIEW,
  /**
   * Security team: run the pre-rotation checks again (after the dependency map or backup is fixed).
   */
  RECHECK,
  /**
   * Crypto officer or key custodian, while the security review waits: the key's backup, which
   * Keyward cannot restore itself (an HSM partition's, or a vault's that restores under the key's
   * own name only), was checked by its own means; the reason says how.
   */
  CONFIRM_BACKUP,
  /** At T: an approver with the authority the rotation matrix requires agrees. */
  APPROVE,
  /** At T: an approver refuses; the rotation ends DENIED. */
  DENY,
  /** At T, after approval: a crypto officer or key custodian orders the new version created. */
  EXECUTE,
  /** T+7: the security monitoring review found nothing against deactivating the old version. */
  CONFIRM_MONITORING,
  /** After a failed post-rotation validation: run the round trip again. */
  RETRY_VALIDATION,
  /** After a failed post-rotation validation: disable the new version; the old one stays. */
  ROLLBACK,
  /** After a failed post-rotation validation: keep the new version anyway, with a reason. */
  ACCEPT
}
