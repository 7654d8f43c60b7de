package io.keyward.activities.audit;

/**
 * The audit file holds something no append may follow: a torn partial record left by a crash, a
 * line that cannot be read, or fewer bytes than were already read from it. Appending after it would
 * hide the damage inside the chain, so the store refuses until an operator has inspected the file
 * (run {@link VerifyAuditTrail}) and repaired it; nothing is truncated automatically.
 */
public class AuditTrailDamagedException extends IllegalStateException {
  public AuditTrailDamagedException(String message) {
    super(message);
  }
}
