package io.keyward.workflows.breakglass;

/** Where a break-glass session stands; the value of the {@code KeywardPhase} search attribute. */
public enum BreakGlassPhase {
  /** Reading the keys in scope to find the authorisation level. */
  ASSESSING_SCOPE,
  AWAITING_AUTHORISATION,
  GRANTING,
  /** The admin holds the access; the 15-minute timer runs. */
  ACTIVE,
  REVOKING,
  /** Access revoked; the post-incident review is due within 24 hours. */
  AWAITING_REVIEW,
  /** The review was not done within 24 hours and was escalated; still waiting for it. */
  REVIEW_OVERDUE,
  CLOSED,
  DENIED,
  /** Not authorised in time; no access was granted. */
  EXPIRED,
  FAILED;

  public boolean isFinal() {
    return this == CLOSED || this == DENIED || this == EXPIRED || this == FAILED;
  }
}
