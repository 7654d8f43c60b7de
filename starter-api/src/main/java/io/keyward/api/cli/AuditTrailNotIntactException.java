package io.keyward.api.cli;

/** Ends {@code verify-audit} with a failure when the trail is broken or cannot be read. */
final class AuditTrailNotIntactException extends RuntimeException {
  AuditTrailNotIntactException(String trail, boolean broken) {
    super(trail + (broken ? " is broken" : " cannot be verified"));
  }
}
