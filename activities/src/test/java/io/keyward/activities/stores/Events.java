package io.keyward.activities.stores;

import io.keyward.workflows.audit.AuditEvent;
import java.time.Instant;
import java.util.Map;

/** Audit events for the conformance tests: distinct ids, a fixed clock, a ceremony's details. */
final class Events {
  static final Instant START = Instant.parse("2026-11-28T09:00:00Z");

  private Events() {}

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
    return event("keygen/kv/payments/run-1/" + n, "keygen/kv/payments");
  }
}
