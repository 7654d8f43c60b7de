package io.keyward.workflows.compromise;

/** Where a compromise response stands; the value of the {@code KeywardPhase} search attribute. */
public enum CompromisePhase {
  /** Disabling every enabled version of the key: the first action, retried until it succeeds. */
  DISABLING,
  ASSESSING_IMPACT,
  ROTATING,
  VALIDATING_RESTORATION,
  CAPTURING_EVIDENCE,
  /** The long-term human tasks (root cause, control enhancement, lessons learned) are open. */
  FOLLOWING_UP,
  CLOSED,
  /** The key could not be disabled because no provider holds it. */
  FAILED;

  public boolean isFinal() {
    return this == CLOSED || this == FAILED;
  }
}
