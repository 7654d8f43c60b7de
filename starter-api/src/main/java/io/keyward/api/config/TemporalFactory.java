package io.keyward.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.uber.m3.tally.Scope;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.connection.TemporalConnection;
import io.keyward.workflows.integration.SecretSource;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code temporal} section: where the Temporal frontend is, which namespace and which task
 * queue the ceremonies run on, and how the connection is secured (TLS with a server CA and server
 * name, mutual TLS with a client certificate and key, an API key from {@code
 * KEYWARD_TEMPORAL_API_KEY} or {@code apiKeyFile}). Builds the service stubs and the client;
 * whoever builds the stubs must shut them down when the application stops.
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

  private boolean tls;

  private String serverCaFile;

  private String serverName;

  private String clientCertFile;

  private String clientKeyFile;

  private String apiKeyFile;

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

  @JsonProperty
  public boolean isTls() {
    return tls;
  }

  @JsonProperty
  public void setTls(boolean tls) {
    this.tls = tls;
  }

  @JsonProperty
  public String getServerCaFile() {
    return serverCaFile;
  }

  @JsonProperty
  public void setServerCaFile(String serverCaFile) {
    this.serverCaFile = serverCaFile;
  }

  @JsonProperty
  public String getServerName() {
    return serverName;
  }

  @JsonProperty
  public void setServerName(String serverName) {
    this.serverName = serverName;
  }

  @JsonProperty
  public String getClientCertFile() {
    return clientCertFile;
  }

  @JsonProperty
  public void setClientCertFile(String clientCertFile) {
    this.clientCertFile = clientCertFile;
  }

  @JsonProperty
  public String getClientKeyFile() {
    return clientKeyFile;
  }

  @JsonProperty
  public void setClientKeyFile(String clientKeyFile) {
    this.clientKeyFile = clientKeyFile;
  }

  @JsonProperty
  public String getApiKeyFile() {
    return apiKeyFile;
  }

  @JsonProperty
  public void setApiKeyFile(String apiKeyFile) {
    this.apiKeyFile = apiKeyFile;
  }

  /**
   * The connection this section describes; the API key comes from {@code KEYWARD_TEMPORAL_API_KEY}
   * or {@code apiKeyFile}.
   */
  public TemporalConnection connection() {
    return new TemporalConnection(
        target,
        namespace,
        tls,
        path(serverCaFile),
        blankToNull(serverName),
        path(clientCertFile),
        path(clientKeyFile),
        new SecretSource("the Temporal API key", TemporalConnection.ENV_API_KEY, path(apiKeyFile)));
  }

  /**
   * Stubs that connect lazily and report the SDK's client metrics to {@code metrics}; the caller
   * owns them and shuts them down.
   *
   * @throws IllegalArgumentException when a certificate, key or API key file is missing or invalid
   */
  public WorkflowServiceStubs buildServiceStubs(Map<String, String> environment, Scope metrics) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder(
                connection().serviceStubsOptions(environment, Files::readString))
            .setMetricsScope(metrics)
            .build());
  }

  /** A client of the namespace whose payloads go through {@code converter}. */
  public WorkflowClient buildClient(WorkflowServiceStubs stubs, DataConverter converter) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(namespace)
            .setDataConverter(converter)
            .build());
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  private static Path path(String text) {
    String value = blankToNull(text);
    return value == null ? null : Path.of(value);
  }
}
