package io.keyward.workflows.incident;

import io.keyward.workflows.audit.AuditActivities;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditReceipt;
import io.keyward.workflows.testing.RecordingAudit;
import java.util.List;
import java.util.Map;

/** The in-memory audit trail, logging each append as {@code audit:<type>}. */
public final class LoggedAudit implements AuditActivities {
  private final RecordingAudit audit = new RecordingAudit();
  private final CallLog log;

  public LoggedAudit(CallLog log) {
    this.log = log;
  }

  @Override
  public AuditReceipt append(AuditEvent event) {
    log.add("audit:" + event.type());
    return audit.append(event);
  }

  public List<String> types() {
    return audit.types();
  }

  public List<AuditEvent> events() {
    return audit.events();
  }

  /** The details of the first event of {@code type}. */
  public Map<String, String> detailsOf(String type) {
    return audit.events().stream()
        .filter(e -> e.type().equals(type))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no audit event " + type + " in " + types()))
        .details();
  }
}
