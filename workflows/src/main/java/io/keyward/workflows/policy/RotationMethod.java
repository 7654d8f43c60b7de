package io.keyward.workflows.policy;

/** The "Method" column of the rotation schedule matrix (runbook 6.1). */
public enum RotationMethod {
  /** People plan and execute each rotation (runbook 6.3). */
  MANUAL,
  /** Keyward rotates on the key's lifetime actions (runbook 6.2). */
  AUTOMATED
}
