package io.keyward.workflows.audit;

import java.util.List;

/**
 * The append-only, hash-chained audit trail (runbook 9.1), each record authenticated with a key
 * kept outside the store. One chain per deployment: appends are serialized by the store, so every
 * API replica and every worker appends to the same chain.
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
