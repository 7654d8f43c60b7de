package io.keyward.api;

import io.dropwizard.lifecycle.Managed;
import io.keyward.workflows.audit.AuditStore;

/** Closes an audit store the application opened itself, after the last request. */
final class ManagedAuditStore implements Managed {
  private final AuditStore store;

  ManagedAuditStore(AuditStore store) {
    this.store = store;
  }

  @Override
  public void stop() {
    store.close();
  }
}
