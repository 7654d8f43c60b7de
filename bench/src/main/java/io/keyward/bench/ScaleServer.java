package io.keyward.bench;

import io.keyward.worker.TemporalClients;
import io.keyward.workflows.attestation.SigningClientInterceptor;
import io.keyward.workflows.attestation.SigningKeySource;
import io.keyward.workflows.attestation.SigningSettings;
import io.keyward.workflows.attestation.TrustedKeys;
import io.keyward.workflows.attestation.VerifyingWorkerInterceptor;
import io.keyward.workflows.codec.CodecSettings;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.connection.TemporalConnection;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testing.TemporalDevServer;
import io.temporal.testing.TemporalDevServerOptions;
import io.temporal.worker.WorkerFactoryOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Temporal dev server started for one of the scale figures (mass rotation, waiting ceremonies),
 * with Keyward's search attributes, and clients on it that encrypt payloads as the workers do and
 * sign people's inputs as the API does (dev mode's signing key in the run's data directory), for
 * workers that verify them as production's do. {@code dbFile} keeps the server's state in that
 * SQLite file (to measure it), or in memory when null.
 */
final class ScaleServer implements AutoCloseable {
  private final TemporalDevServer server;
  private final WorkflowServiceStubs service;
  private final DataConverter converter;
  private final TemporalConnection connection;
  private final Path data;
  private final Map<String, String> env = System.getenv();

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
    this.data = data;
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

  /** A client that signs people's inputs as the API does. */
  WorkflowClient newSigningClient() {
    return SigningClientInterceptor.signing(
        newClient(), SigningKeySource.onClassPath().signer(signing(), env), Clock.systemUTC());
  }

  /** A worker factory's options that verify people's inputs as production's workers do. */
  WorkerFactoryOptions.Builder verifyingWorker(WorkflowClient client) {
    TrustedKeys trusted = SigningKeySource.onClassPath().trusted(signing(), env);
    return WorkerFactoryOptions.newBuilder()
        .setWorkerInterceptors(
            new VerifyingWorkerInterceptor(trusted, client.getOptions().getDataConverter()));
  }

  private SigningSettings signing() {
    return new SigningSettings(SigningSettings.DEV_SIGNING_KEY, null, data, true);
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
