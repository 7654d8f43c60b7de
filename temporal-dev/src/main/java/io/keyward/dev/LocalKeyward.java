package io.keyward.dev;

import io.keyward.worker.KeywardActivities;
import io.keyward.worker.KeywardWorker;
import io.keyward.worker.ReconciliationSchedule;
import io.keyward.worker.TemporalClients;
import io.keyward.worker.WorkerMetrics;
import io.keyward.worker.WorkerSettings;
import io.keyward.workflows.codec.CodecSettings;
import io.keyward.workflows.common.TaskQueues;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.common.converter.DataConverter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All of Keyward in one process: an embedded Temporal, the worker with its key providers and the
 * audit trail under the data directory, and the API. The worker runs in development mode: it routes
 * protection levels to the configured providers as production does (the software keystore alone
 * unless {@code KEYWARD_PROVIDERS_FILE} names others), and software keys stand in only for the
 * levels no configured provider gives. {@link #close()} stops them in the reverse order: API,
 * worker, stores, Temporal; with the dev server, workflows in flight continue on the next start.
 */
public final class LocalKeyward implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalKeyward.class);

  private final DevSettings settings;
  private final EmbeddedTemporal temporal;
  private final int httpPort;
  private final int adminPort;
  private final Deque<AutoCloseable> running;

  private LocalKeyward(
      DevSettings settings,
      EmbeddedTemporal temporal,
      int httpPort,
      int adminPort,
      Deque<AutoCloseable> running) {
    this.settings = settings;
    this.temporal = temporal;
    this.httpPort = httpPort;
    this.adminPort = adminPort;
    this.running = running;
  }

  /**
   * Starts everything, or nothing: when a part fails, the parts already started are stopped and the
   * failure is thrown.
   *
   * @param environment what the worker reads its providers file, token PINs, provider limits and
   *     Slack and ServiceNow settings from (the process environment, in dev mode)
   * @throws IllegalStateException when a port is in use, naming the variable that chooses it
   */
  public static LocalKeyward start(DevSettings settings, Map<String, String> environment)
      throws Exception {
    int httpPort = Ports.freeOrAny(settings.httpPort(), DevSettings.HTTP_PORT);
    int adminPort = Ports.freeOrAny(settings.adminPort(), DevSettings.ADMIN_PORT);
    Deque<AutoCloseable> running = new ArrayDeque<>();
    try {
      WorkerMetrics metrics = new WorkerMetrics();
      running.push(metrics);
      CodecSettings codec = CodecSettings.fromEnvironment(environment, settings.dataDir(), true);
      DataConverter converter = TemporalClients.dataConverter(codec, environment);
      EmbeddedTemporal temporal =
          startTemporal(settings, converter, codecForTemporalWeb(httpPort), metrics);
      running.push(temporal);
      KeywardActivities activities =
          KeywardActivities.open(
              new WorkerSettings(
                  temporal.target(),
                  temporal.namespace(),
                  TaskQueues.CEREMONIES,
                  settings.dataDir(),
                  true),
              environment,
              metrics.registry());
      running.push(activities);
      running.push(KeywardWorker.start(temporal.client(), TaskQueues.CEREMONIES, activities));
      scheduleReconciliation(temporal);
      running.push(
          ApiServer.start(
              temporal.client(),
              activities.stores(),
              metrics.registry(),
              activities.providerHealth(),
              settings.config(),
              Map.of(
                  "httpPort",
                  Integer.toString(httpPort),
                  "adminPort",
                  Integer.toString(adminPort),
                  "dataDir",
                  settings.dataDir().toString(),
                  "temporalTarget",
                  temporal.target(),
                  "namespace",
                  temporal.namespace(),
                  "taskQueue",
                  TaskQueues.CEREMONIES,
                  ApiServer.CODEC_KEK,
                  codec.keyEncryptionKey(),
                  ApiServer.CODEC_RETIRED_KEKS,
                  String.join(",", codec.retiredKeyEncryptionKeys()),
                  "temporalWebUrl",
                  temporal.webUi().map(LocalKeyward::withoutSlash).orElse(""))));
      return new LocalKeyward(settings, temporal, httpPort, adminPort, running);
    } catch (Exception | Error failure) {
      stopAll(running);
      throw failure;
    }
  }

  /**
   * The weekly reconciliation (runbook 6.2) as a Temporal Schedule; the in-process server has no
   * Schedules, so there it runs on demand through the API.
   */
  private static void scheduleReconciliation(EmbeddedTemporal temporal) {
    if (temporal.database().isEmpty()) {
      LOG.warn(
          "No Temporal Schedules on the in-process server: run reconciliation through the API");
      return;
    }
    ReconciliationSchedule.ensure(
        ScheduleClient.newInstance(
            temporal.client().getWorkflowServiceStubs(),
            ScheduleClientOptions.newBuilder()
                .setNamespace(temporal.namespace())
                .setDataConverter(temporal.client().getOptions().getDataConverter())
                .build()),
        TaskQueues.CEREMONIES);
  }

  private static EmbeddedTemporal startTemporal(
      DevSettings settings, DataConverter converter, URI codecEndpoint, WorkerMetrics metrics) {
    if (settings.temporalCli().isEmpty()) {
      return InProcessTemporal.start(converter, metrics.temporalScope());
    }
    Path database = DevServerTemporal.databaseIn(settings.temporalDir());
    LeftoverDevServer.stopAnyOn(database);
    int port = Ports.freeOrAny(settings.temporalPort(), DevSettings.TEMPORAL_PORT);
    int uiPort = Ports.freeOrAny(settings.temporalUiPort(), DevSettings.TEMPORAL_UI_PORT);
    LOG.info(
        "Starting the Temporal dev server ({}) with {}", database, settings.temporalCli().get());
    return DevServerTemporal.start(
        settings.temporalCli().get(),
        port,
        uiPort,
        settings.temporalDir(),
        converter,
        codecEndpoint,
        metrics.temporalScope());
  }

  /**
   * The approval UI's codec endpoint, which authenticates by the session cookie of the browser
   * Temporal Web runs in (the API's {@code /codec} wants credentials in a header, which Temporal
   * Web sends only as an OpenID Connect access token over HTTPS).
   */
  static URI codecForTemporalWeb(int httpPort) {
    return URI.create("http://localhost:" + httpPort + "/ui/codec");
  }

  private static String withoutSlash(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  public EmbeddedTemporal temporal() {
    return temporal;
  }

  public DevSettings settings() {
    return settings;
  }

  /** The API's base address, e.g. {@code http://localhost:8080/}. */
  public URI apiUri() {
    return URI.create("http://localhost:" + httpPort + "/");
  }

  /** The admin connector's base address: health checks, metrics, tasks. */
  public URI adminUri() {
    return URI.create("http://localhost:" + adminPort + "/");
  }

  /**
   * Stops the API, the worker, the stores and Temporal, in that order; a second call does nothing.
   */
  @Override
  public void close() {
    stopAll(running);
  }

  private static void stopAll(Deque<AutoCloseable> running) {
    synchronized (running) {
      while (!running.isEmpty()) {
        AutoCloseable part = running.pop();
        try {
          part.close();
        } catch (Exception | Error e) {
          LOG.warn("Stopping {} failed; stopping the rest", part.getClass().getSimpleName(), e);
        }
      }
    }
  }
}
