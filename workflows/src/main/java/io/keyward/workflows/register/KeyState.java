package io.keyward.workflows.register;

/** Where a registered key stands in its life, as the ceremonies that last touched it left it. */
public enum KeyState {
  /** In use: a ceremony registered it, or rotated it and left a version enabled. */
  ACTIVE,
  /** The provider holds versions of it, none enabled (a lifecycle found it so). */
  DISABLED,
  /** A compromise response disabled it (runbook 11); it is not to be trusted again. */
  COMPROMISED,
  /** No provider holds any version of it any more. */
  RETIRED
}
