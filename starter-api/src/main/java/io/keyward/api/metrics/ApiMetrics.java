package io.keyward.api.metrics;

import com.uber.m3.tally.Scope;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.keyward.workflows.common.TemporalMetricsScope;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;

/**
 * The API's Prometheus registry, served on the admin connector at {@value PrometheusServlet#PATH}:
 * the Temporal SDK's client metrics (through {@link #temporalScope()} on the stubs the API builds),
 * the ceremony gauges ({@link CeremonyGauges}) and the JVM's meters. In a process that also runs
 * the worker, the registry is the worker's, so one scrape shows both.
 */
public final class ApiMetrics implements Managed {
  /** How long one read of visibility serves the gauges. */
  public static final Duration VISIBILITY_CACHE = Duration.ofSeconds(15);

  private final PrometheusMeterRegistry registry;
  private Scope temporalScope;

  public ApiMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /** A registry with the JVM's meters, for an API process of its own. */
  public static PrometheusMeterRegistry newRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    return registry;
  }

  /** The scope for stubs the API builds itself; closed when the application stops. */
  public synchronized Scope temporalScope() {
    if (temporalScope == null) {
      temporalScope = TemporalMetricsScope.reportingTo(registry);
    }
    return temporalScope;
  }

  /** Registers the ceremony gauges and the scrape servlet. */
  public void serve(Environment environment, WorkflowClient client) {
    CeremonyGauges.register(
        registry, new WaitingCeremonies(client, Clock.systemUTC(), VISIBILITY_CACHE));
    environment
        .admin()
        .addServlet("prometheus", new PrometheusServlet(registry))
        .addMapping(PrometheusServlet.PATH);
    environment.lifecycle().manage(this);
  }

  @Override
  public synchronized void stop() {
    if (temporalScope != null) {
      TemporalMetricsScope.close(temporalScope);
      temporalScope = null;
    }
  }
}
