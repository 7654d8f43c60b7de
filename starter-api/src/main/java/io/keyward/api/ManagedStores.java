package io.keyward.api;

import io.dropwizard.lifecycle.Managed;
import io.keyward.workflows.stores.Stores;

/**
 * Closes the stores the application opened itself (their connection pool), after the last request.
 */
final class ManagedStores implements Managed {
  private final Stores stores;

  ManagedStores(Stores stores) {
    this.stores = stores;
  }

  @Override
  public void stop() {
    stores.close();
  }
}
