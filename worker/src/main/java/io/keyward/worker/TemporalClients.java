package io.keyward.worker;

import com.uber.m3.tally.Scope;
import io.keyward.activities.codec.ProviderKeySource;
import io.keyward.workflows.codec.CodecSettings;
import io.keyward.workflows.connection.TemporalConnection;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal client of a worker process (also the benchmark's and dev mode's): the connection as
 * {@link TemporalConnection} describes it, and the data converter that encrypts payloads under the
 * key-encryption key of {@link CodecSettings}, the same as the API's.
 */
public final class TemporalClients {
  private static final Logger LOG = LoggerFactory.getLogger(TemporalClients.class);

  private TemporalClients() {}

  /** Stubs that connect lazily; the caller shuts them down. */
  public static WorkflowServiceStubs stubs(
      TemporalConnection connection, Map<String, String> environment) {
    LOG.info("Connecting to Temporal at {}", connection.describe());
    return WorkflowServiceStubs.newServiceStubs(
        connection.serviceStubsOptions(environment, Files::readString));
  }

  /** As {@link #stubs(TemporalConnection, Map)}, reporting the SDK's metrics to {@code metrics}. */
  public static WorkflowServiceStubs stubs(
      TemporalConnection connection, Map<String, String> environment, Scope metrics) {
    LOG.info("Connecting to Temporal at {}", connection.describe());
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder(
                connection.serviceStubsOptions(environment, Files::readString))
            .setMetricsScope(metrics)
            .build());
  }

  /** The converter every client of the namespace must share. */
  public static DataConverter dataConverter(CodecSettings codec, Map<String, String> environment) {
    if (!codec.encrypts()) {
      LOG.warn("KEYWARD_CODEC_KEK is none: payloads are stored in clear in Temporal");
    }
    return new ProviderKeySource().dataConverter(codec, environment);
  }

  public static WorkflowClient client(
      WorkflowServiceStubs stubs, String namespace, DataConverter converter) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(namespace)
            .setDataConverter(converter)
            .build());
  }
}
