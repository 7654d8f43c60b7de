package io.keyward.workflows.classification;

/** Where a classification change stands; the value of the {@code KeywardPhase} search attribute. */
public enum ClassificationPhase {
  READING_REGISTER,
  AWAITING_APPROVAL,
  RECORDED,
  DENIED,
  EXPIRED,
  REFUSED;

  public boolean isFinal() {
    return this == RECORDED || this == DENIED || this == EXPIRED || this == REFUSED;
  }
}
