package io.keyward.workflows.register;

/** The facts the key register keeps of a key, each with the ceremony that last changed it. */
public enum KeyFact {
  CLASSIFICATION,
  USAGE,
  OWNER,
  PROTECTION,
  SPEC,
  STATE,
  /** The version in use, as the last ceremony that made or kept one saw it. */
  VERSION
}
