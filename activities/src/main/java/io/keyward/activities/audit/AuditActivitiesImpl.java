package io.keyward.activities.audit;

import io.keyward.workflows.audit.AuditActivities;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditReceipt;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.audit.AuditStore;
import io.temporal.failure.ApplicationFailure;

/**
 * Appends workflow events to the {@link AuditStore}. Failures carry a stable type: a malformed
 * event ({@value #INVALID_EVENT}) cannot succeed on retry and is not retried; an unreachable
 * database ({@value #STORE_UNAVAILABLE}) is retried, so the ceremony waits, with its event, until
 * the database answers. A damaged record elsewhere in the trail does not stop an append; {@value
 * #TRAIL_DAMAGED} is kept for a store that reports damage where an event was to be written.
 */
public final class AuditActivitiesImpl implements AuditActivities {
  public static final String INVALID_EVENT = "InvalidAuditEvent";
  public static final String STORE_UNAVAILABLE = "AuditStoreUnavailable";
  public static final String TRAIL_DAMAGED = "AuditTrailDamaged";

  private final AuditStore store;

  public AuditActivitiesImpl(AuditStore store) {
    this.store = store;
  }

  @Override
  public AuditReceipt append(AuditEvent event) {
    try {
      AuditRecord record = store.append(event);
      return new AuditReceipt(record.sequence(), record.hash());
    } catch (AuditTrailDamagedException e) {
      throw ApplicationFailure.newFailureWithCause(e.getMessage(), TRAIL_DAMAGED, e);
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), INVALID_EVENT, e);
    } catch (IllegalStateException e) {
      throw ApplicationFailure.newFailureWithCause(
          "audit trail unavailable: " + e.getMessage(), STORE_UNAVAILABLE, e);
    }
  }
}
