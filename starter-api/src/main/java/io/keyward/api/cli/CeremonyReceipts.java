package io.keyward.api.cli;

import io.keyward.workflows.audit.AuditReceipt;
import io.keyward.workflows.audit.HeldReceipt;
import io.keyward.workflows.audit.LatestAuditReceipt;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowTargetOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The latest audit receipt each ceremony run holds, asked of Temporal: every run the namespace's
 * visibility lists, open or closed, answers the {@link LatestAuditReceipt} query (a worker replays
 * a closed run to answer, so the workers must be running). Runs of a workflow that keeps no audit
 * trail, or started before the query existed, do not know the query and are counted apart; a run
 * that cannot be asked for another reason is reported, never silently skipped.
 */
final class CeremonyReceipts {
  /** What the receipts of the ceremonies are, and which runs could not say. */
  record Collected(List<HeldReceipt> receipts, int withoutAudit, List<String> unanswered) {
    String describe() {
      return receipts.size()
          + " ceremony receipts collected"
          + (withoutAudit == 0 ? "" : ", " + withoutAudit + " runs keep no audit receipt")
          + (unanswered.isEmpty() ? "" : ", NOT ANSWERED by " + String.join("; ", unanswered));
    }
  }

  private final WorkflowClient client;

  CeremonyReceipts(WorkflowClient client) {
    this.client = client;
  }

  Collected collect() {
    List<HeldReceipt> receipts = new ArrayList<>();
    List<String> unanswered = new ArrayList<>();
    int withoutAudit = 0;
    try (Stream<WorkflowExecutionMetadata> runs = client.listExecutions("")) {
      for (WorkflowExecutionMetadata run : (Iterable<WorkflowExecutionMetadata>) runs::iterator) {
        WorkflowExecution execution = run.getExecution();
        String holder =
            execution.getWorkflowId()
                + " ("
                + run.getWorkflowType()
                + " run "
                + execution.getRunId()
                + ")";
        WorkflowStub stub =
            client.newUntypedWorkflowStub(
                WorkflowTargetOptions.newBuilder().setWorkflowExecution(execution).build());
        try {
          AuditReceipt receipt = stub.query(LatestAuditReceipt.QUERY, AuditReceipt.class);
          if (receipt != null) {
            receipts.add(new HeldReceipt(holder, receipt));
          }
        } catch (RuntimeException e) {
          if (unknownQuery(e)) {
            withoutAudit++;
          } else {
            unanswered.add(holder + ": " + rootMessage(e));
          }
        }
      }
    }
    return new Collected(receipts, withoutAudit, unanswered);
  }

  private static boolean unknownQuery(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message != null && message.toLowerCase(Locale.ROOT).contains("unknown query")) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
