package io.keyward.api.health;

import com.codahale.metrics.health.HealthCheck;
import io.keyward.workflows.stores.Stores;

/**
 * Reads the audit chain's head from the stores' database: healthy only when it answers, because
 * without it no decision is audited, no grant checked and no ceremony can record a step.
 */
public final class DatabaseHealthCheck extends HealthCheck {
  private final Stores stores;

  public DatabaseHealthCheck(Stores stores) {
    this.stores = stores;
  }

  @Override
  protected Result check() {
    try {
      stores.check();
      return Result.healthy("the stores' database answers");
    } catch (RuntimeException e) {
      return Result.unhealthy(e.getMessage());
    }
  }
}
