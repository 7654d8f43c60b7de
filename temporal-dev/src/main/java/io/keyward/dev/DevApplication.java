package io.keyward.dev;

import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.keyward.activities.hsm.ProviderHealth;
import io.keyward.api.KeywardApplication;
import io.keyward.api.KeywardConfiguration;
import io.keyward.workflows.stores.Stores;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.text.StringSubstitutor;
import org.eclipse.jetty.server.Server;

/**
 * Keyward's API for dev mode, sharing the worker's Temporal client and stores. Its configuration
 * file takes {@code ${keyward.dev.*}} values from dev mode's own settings (ports, data directory,
 * where Temporal is), after the environment variables of the file were substituted. A failed start
 * throws instead of ending the process, so dev mode can stop what it already started.
 */
final class DevApplication extends KeywardApplication {
  /** The prefix of the values dev mode fills in; environment variables never use a dot. */
  static final String PREFIX = "keyward.dev.";

  private final Map<String, String> devValues;
  private final CompletableFuture<Server> server = new CompletableFuture<>();

  private final List<ProviderHealth> providers;

  DevApplication(
      WorkflowClient client,
      Stores stores,
      PrometheusMeterRegistry registry,
      List<ProviderHealth> providers,
      Map<String, String> devValues) {
    super(client, stores, registry);
    this.providers = List.copyOf(providers);
    this.devValues = Map.copyOf(devValues);
  }

  @Override
  public void initialize(Bootstrap<KeywardConfiguration> bootstrap) {
    super.initialize(bootstrap);
    StringSubstitutor dev = new StringSubstitutor(devValues);
    dev.setEnableUndefinedVariableException(true);
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(bootstrap.getConfigurationSourceProvider(), dev));
  }

  @Override
  public void run(KeywardConfiguration configuration, Environment environment) {
    super.run(configuration, environment);
    for (ProviderHealth provider : providers) {
      environment
          .healthChecks()
          .register("provider-" + provider.provider(), new ProviderHealthCheck(provider));
    }
    environment
        .lifecycle()
        .addServerLifecycleListener(
            jetty -> {
              // Dev mode stops Jetty itself, before the worker and Temporal it depends on.
              jetty.setStopAtShutdown(false);
              server.complete(jetty);
            });
  }

  @Override
  protected void onFatalError(Throwable failure) {
    throw new IllegalStateException(
        "the Keyward API did not start: " + failure.getMessage(), failure);
  }

  /** The Jetty server once it has started; null before. */
  Server server() {
    return server.getNow(null);
  }
}
