package io.keyward.dev;

import com.codahale.metrics.health.HealthCheck;
import io.keyward.activities.hsm.ProviderHealth;

/** One key provider's {@link ProviderHealth} as a Dropwizard health check, in dev mode. */
final class ProviderHealthCheck extends HealthCheck {
  private final ProviderHealth provider;

  ProviderHealthCheck(ProviderHealth provider) {
    this.provider = provider;
  }

  @Override
  protected Result check() {
    ProviderHealth.Status status = provider.check();
    return status.healthy() ? Result.healthy(status.message()) : Result.unhealthy(status.message());
  }
}
