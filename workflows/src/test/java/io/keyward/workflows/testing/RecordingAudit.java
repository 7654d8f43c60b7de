package io.keyward.workflows.testing;

import io.keyward.workflows.audit.AuditActivities;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditReceipt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An audit trail in memory, idempotent by event id like the real one. */
public final class RecordingAudit implements AuditActivities {
  private final Map<String, AuditEvent> events = new LinkedHashMap<>();

  @Override
  public synchronized AuditReceipt append(AuditEvent event) {
    events.putIfAbsent(event.eventId(), event);
    return new AuditReceipt(new ArrayList<>(events.keySet()).indexOf(event.eventId()) + 1, "h");
  }

  public synchronized List<String> types() {
    return events.values().stream().map(AuditEvent::type).toList();
  }

  public synchronized List<AuditEvent> events() {
    return List.copyOf(events.values());
  }
}
