package io.keyward.api.incident;

import io.keyward.api.errors.ConflictException;
import io.keyward.api.errors.ForbiddenException;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditStore;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.TemporalFailure;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Writes every refused attempt on an incident workflow to the audit trail (runbook 9.1: rejected
 * attempts are audited too) and turns it into the API's error: 409 when the workflow refused it in
 * its current state, 403 when the person may not do it at all.
 */
public final class Refusals {
  /** The audit event type of a refused attempt. */
  public static final String REFUSED = "INCIDENT_ATTEMPT_REFUSED";

  private final AuditStore audit;
  private final Clock clock;

  public Refusals(AuditStore audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
  }

  /** 409 with the workflow's own words. */
  public ConflictException conflict(String subject, String actor, String attempt, String why) {
    record(subject, actor, attempt, why);
    return new ConflictException(why);
  }

  /** 403. */
  public ForbiddenException forbidden(String subject, String actor, String attempt, String why) {
    record(subject, actor, attempt, why);
    return new ForbiddenException(why);
  }

  /** The refusal a validator gave, as the person should read it. */
  public static String message(WorkflowUpdateException refusal) {
    return refusal.getCause() instanceof TemporalFailure failure
        ? failure.getOriginalMessage()
        : refusal.getMessage();
  }

  private void record(String subject, String actor, String attempt, String why) {
    audit.append(
        new AuditEvent(
            UUID.randomUUID().toString(),
            subject,
            REFUSED,
            actor,
            clock.instant(),
            Map.of("attempt", attempt, "refusal", why)));
  }
}
