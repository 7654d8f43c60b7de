package io.keyward.bench;

import io.keyward.worker.TemporalClients;
import io.keyward.workflows.codec.CodecSettings;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.connection.TemporalConnection;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testing.TemporalDevServer;
import io.temporal.testing.TemporalDevServerOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Temporal dev server started for one of the scale figures (mass rotation, waiting ceremonies),
 * with Keyward's search attributes, and clients on it that encrypt payloads as the workers do.
 * {@code dbFile} keeps the server's state in that SQLite file (to measure it), or in memory when
 * null.
 */
final class ScaleServer implements AutoCloseable {
  private final TemporalDevServer server;
  private final WorkflowServiceStubs service;
  private final DataConverter converter;
  private final TemporalConnection connection;

  private ScaleServer(String cli, Path data, Path dbFile) {
    List<String> extraArgs = new ArrayList<>();
    KeywardSearchAttributes.DEFINITIONS.forEach(
        (name, type) -> extraArgs.addAll(List.of("--search-attribute", name + "=" + type)));
    if (dbFile != null) {
      extraArgs.addAll(List.of("--db-filename", dbFile.toAbsolutePath().toString()));
    }
    this.server =
        TemporalDevServer.start(
            TemporalDevServerOptions.newBuilder()
                .setExistingPath(cli)
                .setDownloadEnabled(false)
                .setIp("127.0.0.1")
                .setUiEnabled(false)
                .setLogFile(data.resolve("temporal.log").toString())
                .setExtraArgs(extraArgs)
                .build());
    Map<String, String> env = System.getenv();
    this.connection = TemporalConnection.plain(server.getTarget(), "default");
    this.service = TemporalClients.stubs(connection, env);
    this.converter =
        TemporalClients.dataConverter(CodecSettings.fromEnvironment(env, data, true), env);
  }

  static ScaleServer start(String cli, Path data, Path dbFile) {
    return new ScaleServer(cli, data, dbFile);
  }

  /** A client of its own, as a worker process has. */
  WorkflowClient newClient() {
    return TemporalClients.client(service, connection.namespace(), converter);
  }

  TemporalConnection connection() {
    return connection;
  }

  @Override
  public void close() {
    service.shutdown();
    server.close();
  }
}
