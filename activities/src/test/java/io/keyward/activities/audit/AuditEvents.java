package io.keyward.activities.audit;

import io.keyward.workflows.audit.AuditEvent;
import java.time.Instant;
import java.util.Map;

/** Audit events for tests: distinct ids, a fixed clock, details that look like a ceremony's. */
final class AuditEvents {
  static final Instant START = Instant.parse("2026-11-28T09:00:00Z");

  private AuditEvents() {}

  static AuditEvent event(String eventId, String subject) {
    return new AuditEvent(
        eventId,
        subject,
        "APPROVAL_RECORDED",
        "olivia",
        START.plusSeconds(Math.abs(eventId.hashCode() % 86_400)),
        Map.of("decision", "APPROVE", "key", "kv-secret-prod/payments-signing", "step", eventId));
  }

  static AuditEvent numbered(int n) {
    return event(
        "keygen/kv-secret-prod/payments-signing/run-1/" + n,
        "keygen/kv-secret-prod/payments-signing");
  }
}
