package io.keyward.workflows.ceremony;

import io.keyward.workflows.audit.AuditReceipt;
import io.keyward.workflows.common.CeremonyAudit;
import java.time.Instant;
import java.util.Map;

/**
 * A ceremony's record of what happened: the timeline people read in its state, and the hash-chained
 * audit trail. {@link #step} writes both for one step, so they cannot drift apart; {@link #audit}
 * and {@link #timeline} are for what belongs to only one of them (a decision, whose timeline line
 * its rules class writes; a reminder that is not audited). Workflow code only.
 */
public final class CeremonyRecord {
  /** The actor of the timeline lines Keyward writes itself; such audit events have no actor. */
  public static final String KEYWARD = "keyward";

  private final CeremonyAudit audit = new CeremonyAudit();
  private final Timeline timeline;

  public CeremonyRecord(Timeline timeline) {
    this.timeline = timeline;
  }

  /**
   * A step Keyward took: the timeline line {@code action: detail} and the audit event {@code
   * auditType} with {@code details}.
   */
  public AuditReceipt step(
      String action, String detail, String auditType, Map<String, String> details) {
    return step(null, action, detail, auditType, details);
  }

  /** The same for a step a person took ({@code actor}; null for Keyward). */
  public AuditReceipt step(
      String actor, String action, String detail, String auditType, Map<String, String> details) {
    timeline(actor, action, detail);
    return audit(auditType, actor, details);
  }

  /** An audit event alone; {@code actor} null for Keyward. */
  public AuditReceipt audit(String type, String actor, Map<String, String> details) {
    return audit.append(type, actor, details);
  }

  /** A timeline line alone, at the workflow's time; {@code actor} null for Keyward. */
  public void timeline(String actor, String action, String detail) {
    timeline.record(WorkflowClock.now(), actor == null ? KEYWARD : actor, action, detail);
  }

  /** A timeline line alone, at {@code at}. */
  public void timeline(Instant at, String actor, String action, String detail) {
    timeline.record(at, actor == null ? KEYWARD : actor, action, detail);
  }
}
