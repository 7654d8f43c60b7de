package io.keyward.workflows.audit;

import java.util.List;

/**
 * The append-only, hash-chained audit trail (runbook 9.1). One chain per deployment: appends are
 * serialized by the store, so several workers may share it when the implementation allows.
 */
public interface AuditStore extends AutoCloseable {
  /** Appends the event, or returns the record already stored under its event id. */
  AuditRecord append(AuditEvent event);

  /** Every record whose subject is {@code subject}, in chain order. */
  List<AuditRecord> recordsFor(String subject);

  /** Walks the whole chain and reports the first broken record, if any. */
  ChainVerification verify();

  @Override
  void close();
}
