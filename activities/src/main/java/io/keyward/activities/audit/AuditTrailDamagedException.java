package io.keyward.activities.audit;

/**
 * An audit record failed its checks (unreadable, edited, not authenticated by the audit key) where
 * it was about to be used, e.g. as evidence. The record stays where it is; new appends go on, and
 * {@link VerifyAuditTrail} reports it with the rest of the chain.
 */
public class AuditTrailDamagedException extends IllegalStateException {
  public AuditTrailDamagedException(String message) {
    super(message);
  }
}
