package io.keyward.dev;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.Scope;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK's in-process test server, in real time (no time skipping): the fallback when no Temporal
 * CLI can be had. Everything it holds is lost when the process ends, it has no Temporal Web, and it
 * cannot answer visibility queries (listing workflows by search attribute), although it accepts
 * Keyward's search attributes. Never rely on it for anything but a quick look.
 */
public final class InProcessTemporal implements EmbeddedTemporal {
  /**
   * What stands in for a {@code host:port}: the in-process server listens on no port, so nothing
   * outside this process can reach it.
   */
  public static final String TARGET = "in-process:0";

  private static final Logger LOG = LoggerFactory.getLogger(InProcessTemporal.class);

  private final TestWorkflowEnvironment environment;

  private InProcessTemporal(TestWorkflowEnvironment environment) {
    this.environment = environment;
  }

  /**
   * Starts the in-process server and warns, loudly, what it cannot do; its client uses {@code
   * converter}.
   */
  public static InProcessTemporal start(DataConverter converter) {
    return start(converter, new NoopScope());
  }

  /** As {@link #start(DataConverter)}, reporting the SDK's metrics to {@code metrics}. */
  public static InProcessTemporal start(DataConverter converter, Scope metrics) {
    LOG.warn(
        """

        *************************************************************************************
        * NO TEMPORAL CLI: Keyward runs on Temporal's IN-PROCESS TEST SERVER.               *
        *  - NOTHING SURVIVES A RESTART: every ceremony in flight is lost when this stops.  *
        *  - There is NO Temporal Web, and no listing of workflows by search attribute.     *
        * Install the CLI (temporal-dev/install-temporal-cli needs python3 and PyPI access, *
        * or put `temporal` on PATH) and start again to get the durable dev server.         *
        *************************************************************************************""");
    TestEnvironmentOptions.Builder options =
        TestEnvironmentOptions.newBuilder()
            .setMetricsScope(metrics)
            .setUseTimeskipping(false)
            .setWorkflowClientOptions(
                WorkflowClientOptions.newBuilder().setDataConverter(converter).build());
    SearchAttributeTypes.indexed(KeywardSearchAttributes.DEFINITIONS)
        .forEach(options::registerSearchAttribute);
    return new InProcessTemporal(TestWorkflowEnvironment.newInstance(options.build()));
  }

  @Override
  public WorkflowClient client() {
    return environment.getWorkflowClient();
  }

  @Override
  public String target() {
    return TARGET;
  }

  @Override
  public String namespace() {
    return environment.getNamespace();
  }

  @Override
  public Optional<URI> webUi() {
    return Optional.empty();
  }

  @Override
  public Optional<Path> database() {
    return Optional.empty();
  }

  @Override
  public void close() {
    environment.close();
  }
}
