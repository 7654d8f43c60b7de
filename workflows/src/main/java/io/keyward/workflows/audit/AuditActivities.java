package io.keyward.workflows.audit;

import io.temporal.activity.ActivityInterface;

/** Appends to the hash-chained audit trail. Idempotent by {@link AuditEvent#eventId()}. */
@ActivityInterface(namePrefix = "Audit")
public interface AuditActivities {
  AuditReceipt append(AuditEvent event);
}
