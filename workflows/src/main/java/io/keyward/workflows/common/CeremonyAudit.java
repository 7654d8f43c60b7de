package io.keyward.workflows.common;

import io.keyward.workflows.audit.AuditActivities;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditReceipt;
import io.keyward.workflows.audit.LatestAuditReceipt;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import io.temporal.workflow.WorkflowLock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a workflow's audit events with ids that are stable across retries and replays: the run id
 * and a per-run sequence number. Appends are one at a time, in the order the workflow asks for
 * them: an Update handler's event (a decision) cannot overtake the event the main method is still
 * writing (the request), as two local activities started together otherwise may. Use from workflow
 * code only.
 */
public final class CeremonyAudit {
  /** The detail every audit event of a reset run carries ({@link ResetRuns}). */
  public static final String RESET_OF = "resetOf";

  private final AuditActivities audit =
      Workflow.newLocalActivityStub(AuditActivities.class, CeremonyActivityOptions.AUDIT);
  private final WorkflowLock oneAtATime = Workflow.newWorkflowLock();
  private int sequence;
  private AuditReceipt latest;

  public CeremonyAudit() {
    Workflow.registerListener(new Receipts());
  }

  private CeremonyAudit(boolean answersReceiptQuery) {
    if (answersReceiptQuery) {
      Workflow.registerListener(new Receipts());
    }
  }

  /**
   * An audit writer for a run that ends before its workflow's own (which answers the receipt query)
   * writes anything: a start refused by the signature check.
   */
  public static CeremonyAudit beforeTheWorkflow() {
    return new CeremonyAudit(false);
  }

  public AuditReceipt append(String type, String actor, Map<String, String> details) {
    oneAtATime.lock();
    try {
      return write(type, actor, details);
    } finally {
      oneAtATime.unlock();
    }
  }

  private AuditReceipt write(String type, String actor, Map<String, String> details) {
    WorkflowInfo info = Workflow.getInfo();
    String eventId = info.getWorkflowId() + "/" + info.getRunId() + "/" + (++sequence);
    Optional<String> resetOf = ResetRuns.resetOf(info);
    if (resetOf.isPresent()) {
      details = new LinkedHashMap<>(details);
      details.put(RESET_OF, "this run " + info.getRunId() + " is a reset of " + resetOf.get());
    }
    AuditEvent event =
        new AuditEvent(
            eventId,
            info.getWorkflowId(),
            type,
            actor,
            Instant.ofEpochMilli(Workflow.currentTimeMillis()),
            details);
    AuditReceipt receipt = audit.append(event);
    if (receipt != null) {
      latest = receipt;
    }
    return receipt;
  }

  /** The query's handler; a class of its own, as the SDK reads the annotations of its interface. */
  private final class Receipts implements LatestAuditReceipt {
    @Override
    public AuditReceipt latestAuditReceipt() {
      return latest;
    }
  }
}
