package io.keyward.activities.stores;

import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.audit.ChainVerification;
import java.nio.file.Path;
import java.util.List;

/**
 * For tests: the audit trail of the embedded database in a data directory, as one store that closes
 * the database with it.
 */
public final class EmbeddedAuditStore implements AuditStore {
  private final JdbcStores stores;

  private EmbeddedAuditStore(JdbcStores stores) {
    this.stores = stores;
  }

  public static EmbeddedAuditStore open(Path dataDir) {
    return new EmbeddedAuditStore(JdbcStores.embedded(dataDir));
  }

  @Override
  public AuditRecord append(AuditEvent event) {
    return stores.audit().append(event);
  }

  @Override
  public List<AuditRecord> recordsFor(String subject) {
    return stores.audit().recordsFor(subject);
  }

  @Override
  public ChainVerification verify() {
    return stores.audit().verify();
  }

  @Override
  public void close() {
    stores.close();
  }
}
