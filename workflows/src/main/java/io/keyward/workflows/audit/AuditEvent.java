package io.keyward.workflows.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened, as it goes into the audit trail. {@code eventId} is unique and stable
 * across retries (for a workflow: its id and a step), so writing it twice stores it once. Details
 * hold identifiers and public attributes only, never key material or secrets.
 */
public record AuditEvent(
    String eventId,
    String subject,
    String type,
    String actor,
    Instant at,
    Map<String, String> details) {
  public AuditEvent {
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
