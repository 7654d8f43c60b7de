package io.keyward.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.uber.m3.tally.Scope;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.keyward.workflows.common.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.concurrent.TimeUnit;

/**
 * The {@code temporal} section: where the Temporal frontend is, which namespace and which task
 * queue the ceremonies run on. Builds the service stubs and the client; whoever builds the stubs
 * must shut them down when the application stops.
 */
public class TemporalFactory {
  @NotEmpty
  @Pattern(regexp = "\\S+:\\d{1,5}", message = "must be host:port, e.g. localhost:7233")
  private String target = "localhost:7233";

  @NotEmpty private String namespace = "default";

  @NotEmpty private String taskQueue = TaskQueues.CEREMONIES;

  @NotNull
  @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
  private Duration healthCheckTimeout = Duration.seconds(5);

  @JsonProperty
  public String getTarget() {
    return target;
  }

  @JsonProperty
  public void setTarget(String target) {
    this.target = target;
  }

  @JsonProperty
  public String getNamespace() {
    return namespace;
  }

  @JsonProperty
  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  @JsonProperty
  public String getTaskQueue() {
    return taskQueue;
  }

  @JsonProperty
  public void setTaskQueue(String taskQueue) {
    this.taskQueue = taskQueue;
  }

  @JsonProperty
  public Duration getHealthCheckTimeout() {
    return healthCheckTimeout;
  }

  @JsonProperty
  public void setHealthCheckTimeout(Duration healthCheckTimeout) {
    this.healthCheckTimeout = healthCheckTimeout;
  }

  /**
   * Stubs that connect lazily and report the SDK's client metrics to {@code metrics}; the caller
   * owns them and shuts them down.
   */
  public WorkflowServiceStubs buildServiceStubs(Scope metrics) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(target)
            .setMetricsScope(metrics)
            .build());
  }

  public WorkflowClient buildClient(WorkflowServiceStubs stubs) {
    return WorkflowClient.newInstance(
        stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
  }
}
