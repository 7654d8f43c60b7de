package io.keyward.workflows.lifecycle;

/** Where a key's lifecycle stands; the value of the {@code KeywardPhase} search attribute. */
public enum LifecyclePhase {
  /** Reading the key's current version. */
  STARTING,
  /** Sleeping until 30 days before the current version expires. */
  WAITING_TO_ROTATE,
  /** SECRET keys: waiting for the rotation matrix's approvers (runbook 2.2 approval gate). */
  AWAITING_ROTATION_APPROVAL,
  ROTATING,
  /** Rotated; sleeping until 7 days before the old version expires, to say so. */
  WAITING_TO_NOTIFY,
  /** Sleeping until the old version expires, to disable it. */
  WAITING_TO_RETIRE,
  /** A manual rotation (runbook 6.3) is due; people were told. */
  MANUAL_ROTATION_DUE,
  /** The version expired and nothing replaced it; reminded weekly. */
  EXPIRED_WITHOUT_ROTATION,
  /** The key has no enabled version at any provider; the lifecycle ended. */
  KEY_NOT_FOUND
}
