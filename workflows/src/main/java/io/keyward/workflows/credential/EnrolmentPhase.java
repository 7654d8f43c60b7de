package io.keyward.workflows.credential;

/** Where an enrolment stands; the value of the {@code KeywardPhase} search attribute. */
public enum EnrolmentPhase {
  AWAITING_APPROVAL,
  ACTIVE,
  REFUSED,
  EXPIRED;

  public boolean isFinal() {
    return this != AWAITING_APPROVAL;
  }
}
