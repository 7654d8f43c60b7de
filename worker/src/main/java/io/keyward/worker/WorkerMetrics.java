package io.keyward.worker;

import com.uber.m3.tally.Scope;
import io.keyward.workflows.common.TemporalMetricsScope;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * A worker process's metrics: one Prometheus registry holding the JVM's meters, the key provider
 * timers and, through {@link #temporalScope()} on the service stubs, the Temporal SDK's metrics and
 * the ceremonies' KPIs. Close it after the stubs.
 */
public final class WorkerMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final Scope temporalScope;
  private final JvmGcMetrics gc;

  public WorkerMetrics() {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    this.gc = new JvmGcMetrics();
    gc.bindTo(registry);
    this.temporalScope = TemporalMetricsScope.reportingTo(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** For {@code WorkflowServiceStubsOptions.setMetricsScope}. */
  public Scope temporalScope() {
    return temporalScope;
  }

  @Override
  public void close() {
    TemporalMetricsScope.close(temporalScope);
    gc.close();
    registry.close();
  }
}
