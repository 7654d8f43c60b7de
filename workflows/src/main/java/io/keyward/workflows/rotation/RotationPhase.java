package io.keyward.workflows.rotation;

import java.util.EnumSet;
import java.util.Set;

/** Where a manual rotation stands; the value of the {@code KeywardPhase} search attribute. */
public enum RotationPhase {
  /** Waiting for T-30, when the pre-rotation phase starts. */
  SCHEDULED,
  /** T-30: notifying stakeholders, validating the dependency map, verifying the backup. */
  PRE_ROTATION,
  AWAITING_SECURITY_REVIEW,
  /** Reviewed; waiting for the rotation date T. */
  WAITING_FOR_ROTATION_DATE,
  /** At T: waiting for the approvals the rotation matrix requires. */
  AWAITING_APPROVAL,
  /** Approved: waiting for a crypto officer or key custodian to execute. */
  AWAITING_EXECUTION,
  ROTATING,
  /** The new version is active, the old one still enabled, until T+7. */
  MONITORING,
  VALIDATING,
  /** The post-rotation round trip failed; the old version stays enabled until people decide. */
  AWAITING_VALIDATION_DECISION,
  AWAITING_MONITORING_REVIEW,
  DEACTIVATING,
  COMPLETED,
  ROLLED_BACK,
  CANCELLED,
  REJECTED,
  DENIED,
  EXPIRED,
  FAILED;

  private static final Set<RotationPhase> BEFORE_EXECUTION =
      EnumSet.of(
          SCHEDULED,
          PRE_ROTATION,
          AWAITING_SECURITY_REVIEW,
          WAITING_FOR_ROTATION_DATE,
          AWAITING_APPROVAL,
          AWAITING_EXECUTION);

  public boolean isFinal() {
    return this == COMPLETED
        || this == ROLLED_BACK
        || this == CANCELLED
        || this == REJECTED
        || this == DENIED
        || this == EXPIRED
        || this == FAILED;
  }

  /** True while nothing was changed at the provider: the rotation may still be cancelled. */
  public boolean isBeforeExecution() {
    return BEFORE_EXECUTION.contains(this);
  }
}
