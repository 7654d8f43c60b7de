package io.keyward.workflows.audit;

import io.temporal.workflow.QueryMethod;

/**
 * The query every audited workflow answers (registered by {@link
 * io.keyward.workflows.common.CeremonyAudit}): the receipt of the last audit event its run
 * appended, or null before its first. {@code verify-audit --ceremony-receipts} asks every run for
 * it and reports a trail that ends before it, or holds another record at its place. A query adds no
 * command to the history, so answering it changes no run.
 */
public interface LatestAuditReceipt {
  /** The query's name, for clients that ask without this interface. */
  String QUERY = "latestAuditReceipt";

  @QueryMethod(name = QUERY)
  AuditReceipt latestAuditReceipt();
}
