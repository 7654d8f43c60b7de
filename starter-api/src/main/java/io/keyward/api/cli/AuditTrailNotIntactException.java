package io.keyward.api.cli;

/** Ends {@code verify-audit} with a failure when the trail is broken or cannot be read. */
final class AuditTrailNotIntactException extends RuntimeException {
  AuditTrailNotIntactException(String file, int status) {
    super(
        "audit trail "
            + file
            + (status == io.keyward.activities.audit.VerifyAuditTrail.BROKEN
                ? " is broken"
                : " cannot be verified"));
  }
}
