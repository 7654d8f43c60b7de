package io.keyward.workflows.generation;

/** Where a generation ceremony stands; the value of the {@code KeywardPhase} search attribute. */
public enum GenerationPhase {
  AWAITING_APPROVAL,
  AWAITING_GENERATION,
  GENERATING,
  AWAITING_VERIFICATION,
  ACTIVATING,
  AWAITING_REGISTRATION,
  REGISTERING,
  REGISTERED,
  DENIED,
  REJECTED,
  EXPIRED,
  FAILED;

  public boolean isFinal() {
    return this == REGISTERED
        || this == DENIED
        || this == REJECTED
        || this == EXPIRED
        || this == FAILED;
  }
}
