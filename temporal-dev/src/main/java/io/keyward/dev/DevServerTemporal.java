package io.keyward.dev;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.Scope;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TemporalDevServer;
import io.temporal.testing.TemporalDevServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code temporal server start-dev} run by the Temporal CLI as a child process: workflows live in
 * the SQLite file {@code <stateDir>/temporal.db} and survive restarts, Temporal Web serves on the
 * UI port, and the server writes its output to {@code <stateDir>/temporal.log}. Keyward's search
 * attributes are declared on every start (the server applies them when it creates the database) and
 * those an existing database lacks are added, so a restart on an existing file finds its workflows
 * and their attributes as they were, plus any attribute Keyward has gained since.
 */
public final class DevServerTemporal implements EmbeddedTemporal {
  /** The dev server listens on the loopback interface only. */
  public static final String BIND_IP = "127.0.0.1";

  public static final String NAMESPACE = "default";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Logger LOG = LoggerFactory.getLogger(DevServerTemporal.class);

  private final TemporalDevServer server;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final Path database;
  private final URI webUi;

  private DevServerTemporal(
      TemporalDevServer server,
      WorkflowServiceStubs stubs,
      DataConverter converter,
      Path database,
      URI webUi) {
    this.server = server;
    this.stubs = stubs;
    this.client =
        WorkflowClient.newInstance(
            stubs,
            WorkflowClientOptions.newBuilder()
                .setNamespace(NAMESPACE)
                .setDataConverter(converter)
                .build());
    this.database = database;
    this.webUi = webUi;
  }

  /**
   * Starts the dev server with {@code cli} and waits until its namespace answers (at most a
   * minute). Ports must be real port numbers, not 0: the UI port is part of the links Keyward
   * prints.
   *
   * @param converter the data converter of the client (the payload codec's)
   * @param codecEndpoint where Temporal Web decodes payloads ({@code --ui-codec-endpoint}), or null
   */
  public static DevServerTemporal start(
      Path cli, int port, int uiPort, Path stateDir, DataConverter converter, URI codecEndpoint) {
    return start(cli, port, uiPort, stateDir, converter, codecEndpoint, new NoopScope());
  }

  /** As above, the client reporting the SDK's metrics to {@code metrics}. */
  public static DevServerTemporal start(
      Path cli,
      int port,
      int uiPort,
      Path stateDir,
      DataConverter converter,
      URI codecEndpoint,
      Scope metrics) {
    Path database = databaseIn(stateDir);
    try {
      Files.createDirectories(stateDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the Temporal state directory " + stateDir, e);
    }
    TemporalDevServer server =
        TemporalDevServer.start(
            TemporalDevServerOptions.newBuilder()
                .setExistingPath(cli.toString())
                .setDownloadEnabled(false)
                .setIp(BIND_IP)
                .setPort(port)
                .setUiPort(uiPort)
                .setDatabaseFilename(database.toString())
                .setLogFile(stateDir.resolve("temporal.log").toAbsolutePath().toString())
                .setStartupTimeout(STARTUP_TIMEOUT)
                .setExtraArgs(extraArgs(codecEndpoint))
                .build());
    try {
      registerMissingSearchAttributes(server.getTarget(), database);
    } catch (RuntimeException failure) {
      server.close();
      throw failure;
    }
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(server.getTarget())
                .setMetricsScope(metrics)
                .build());
    return new DevServerTemporal(
        server, stubs, converter, database, URI.create("http://localhost:" + uiPort + "/"));
  }

  private static List<String> extraArgs(URI codecEndpoint) {
    List<String> args = new ArrayList<>(searchAttributeArgs(KeywardSearchAttributes.DEFINITIONS));
    if (codecEndpoint != null) {
      args.add("--ui-codec-endpoint");
      args.add(codecEndpoint.toString());
    }
    return args;
  }

  /** The SQLite file the dev server keeps in {@code stateDir}, as an absolute path. */
  static Path databaseIn(Path stateDir) {
    return stateDir.resolve("temporal.db").toAbsolutePath();
  }

  /**
   * Adds the attributes a database made by an older Keyward lacks: the dev server honours {@code
   * --search-attribute} only when it creates the database, not when it opens an existing one.
   *
   * @throws IllegalStateException when an attribute exists with another type, which Temporal cannot
   *     change
   */
  private static void registerMissingSearchAttributes(String target, Path database) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target)
                .validateAndBuildWithDefaults());
    try {
      Map<String, IndexedValueType> existing =
          operator
              .blockingStub()
              .listSearchAttributes(
                  ListSearchAttributesRequest.newBuilder().setNamespace(NAMESPACE).build())
              .getCustomAttributesMap();
      Map<String, IndexedValueType> missing = new TreeMap<>();
      SearchAttributeTypes.indexed(KeywardSearchAttributes.DEFINITIONS)
          .forEach(
              (name, type) -> {
                IndexedValueType found = existing.get(name);
                if (found == null) {
                  missing.put(name, type);
                } else if (found != type) {
                  throw new IllegalStateException(
                      "search attribute "
                          + name
                          + " has type "
                          + found
                          + " in "
                          + database
                          + ", Keyward needs "
                          + type
                          + "; Temporal cannot change it: move the database away to start afresh");
                }
              });
      if (!missing.isEmpty()) {
        LOG.info("Registering search attributes {} in {}", missing.keySet(), database);
        operator
            .blockingStub()
            .addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace(NAMESPACE)
                    .putAllSearchAttributes(missing)
                    .build());
      }
    } finally {
      operator.shutdown();
    }
  }

  /** {@code --search-attribute Name=Type} for each definition, in name order. */
  static List<String> searchAttributeArgs(Map<String, String> definitions) {
    List<String> args = new ArrayList<>();
    new TreeMap<>(definitions)
        .forEach(
            (name, type) -> {
              args.add("--search-attribute");
              args.add(name + "=" + type);
            });
    return args;
  }

  @Override
  public WorkflowClient client() {
    return client;
  }

  @Override
  public String target() {
    return server.getTarget();
  }

  @Override
  public String namespace() {
    return NAMESPACE;
  }

  @Override
  public Optional<URI> webUi() {
    return Optional.of(webUi);
  }

  @Override
  public Optional<Path> database() {
    return Optional.of(database);
  }

  /** Closes the client's channel, then stops the server (SIGTERM, forcibly after 10 seconds). */
  @Override
  public void close() {
    try {
      stubs.shutdown();
      stubs.awaitTermination(5, TimeUnit.SECONDS);
    } finally {
      server.close();
    }
  }
}
