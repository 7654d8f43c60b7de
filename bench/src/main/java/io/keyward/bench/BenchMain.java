package io.keyward.bench;

import io.keyward.dev.ApiServer;
import io.keyward.worker.CeremonyRegistrations;
import io.keyward.worker.KeywardActivities;
import io.keyward.worker.TemporalClients;
import io.keyward.worker.WorkerMetrics;
import io.keyward.worker.WorkerSettings;
import io.keyward.workflows.attestation.SigningClientInterceptor;
import io.keyward.workflows.attestation.SigningKeySource;
import io.keyward.workflows.attestation.SigningSettings;
import io.keyward.workflows.attestation.VerifyingWorkerInterceptor;
import io.keyward.workflows.codec.CodecSettings;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.connection.TemporalConnection;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testing.TemporalDevServer;
import io.temporal.testing.TemporalDevServerOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Measures, against a real Temporal dev server started for the run (or the Temporal that {@code
 * KEYWARD_TEMPORAL_TARGET} and the other variables of {@link TemporalConnection} name), with
 * Keyward's worker and its HTTP API in this process:
 *
 * <ul>
 *   <li>a decision's round trip as a person makes it (HTTP POST with Basic credentials to the API
 *       until its 200 with the new state), beside the same decision sent straight as a Temporal
 *       Update, and Keyward's Updates beside a baseline workflow of the same shape;
 *   <li>whole ceremonies per second with N in flight, Keyward against the baseline;
 *   <li>time to disable a key reported compromised: the first report after the start, more reports
 *       on an idle worker, and reports while ceremonies wait in flight;
 *   <li>an approver's inbox page with many ceremonies waiting, beside the visibility query that
 *       lists them;
 *   <li>what a person's first request costs when its password is checked, beside the next one.
 * </ul>
 *
 * <p>Usage: {@value BenchOptions#USAGE}. It prints each figure beside its floor and writes the raw
 * numbers and charts to the output folder.
 */
public final class BenchMain {
  static final String BASELINE_UPDATE = "baseline/update";
  static final String BASELINE_VISIBLE = "baseline/upd+query";
  static final String KEYWARD_UPDATE = "keyward/update";
  static final String KEYWARD_VISIBLE = "keyward/upd+query";
  static final String KEYWARD_API = "keyward/api";

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    try {
      List<String> given = List.of(args);
      if (given.contains("--mass-rotation")) {
        MassRotationBench.run(MassRotationOptions.parse(args));
      } else if (given.contains("--waiting")) {
        WaitingBench.run(WaitingOptions.parse(args));
      } else {
        measureAndReport(BenchOptions.parse(args));
      }
    } catch (Exception | Error failure) {
      failure.printStackTrace();
      // The API's and the SDK's threads would keep a failed run alive.
      System.exit(1);
    }
    System.exit(0);
  }

  private static void measureAndReport(BenchOptions options) throws Exception {
    Path data = Files.createTempDirectory("keyward-bench");
    Map<String, String> env = System.getenv();
    if (env.containsKey(TemporalConnection.ENV_TARGET)) {
      // A Temporal of the operator's (TLS, mutual TLS, API key as the worker reads them).
      run(options, data, TemporalConnection.fromEnvironment(env, "127.0.0.1:7233"), env);
      return;
    }
    List<String> extraArgs = new ArrayList<String>();
    KeywardSearchAttributes.DEFINITIONS.forEach(
        (name, type) -> extraArgs.addAll(List.of("--search-attribute", name + "=" + type)));
    options
        .dynamicConfig()
        .forEach(value -> extraArgs.addAll(List.of("--dynamic-config-value", value)));
    try (TemporalDevServer server =
        TemporalDevServer.start(
            TemporalDevServerOptions.newBuilder()
                .setExistingPath(options.cli())
                .setDownloadEnabled(false)
                .setIp("127.0.0.1")
                .setUiEnabled(false)
                .setLogFile(data.resolve("temporal.log").toString())
                .setExtraArgs(extraArgs)
                .build())) {
      run(options, data, TemporalConnection.plain(server.getTarget(), "default"), env);
    }
  }

  /**
   * Runs the worker, the API and the drivers against {@code connection}, with payloads encrypted as
   * in production ({@code KEYWARD_CODEC_KEK}, the software key of the run's data directory by
   * default).
   */
  private static void run(
      BenchOptions options, Path data, TemporalConnection connection, Map<String, String> env)
      throws Exception {
    BenchResults results = new BenchResults(options);
    results.note("dynamicConfig", options.dynamicConfig());
    WorkflowServiceStubs service = TemporalClients.stubs(connection, env);
    try (WorkerMetrics metrics = new WorkerMetrics()) {
      WorkflowClient client =
          TemporalClients.client(
              service,
              connection.namespace(),
              TemporalClients.dataConverter(CodecSettings.fromEnvironment(env, data, true), env));
      try (KeywardActivities activities =
          KeywardActivities.open(
              new WorkerSettings(
                  connection.target(), connection.namespace(), TaskQueues.CEREMONIES, data, true),
              env)) {
        WorkerFactoryOptions.Builder workerOptions =
            WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(
                    new VerifyingWorkerInterceptor(
                        activities.trustedSigners(), client.getOptions().getDataConverter()));
        if (!options.sticky()) {
          workerOptions.setWorkflowCacheSize(0);
        }
        WorkerFactory factory = WorkerFactory.newInstance(client, workerOptions.build());
        CeremonyRegistrations.register(factory, TaskQueues.CEREMONIES, activities);
        Worker worker = factory.getWorker(TaskQueues.CEREMONIES);
        worker.registerWorkflowImplementationTypes(
            BaselineWorkflowImpl.class, BaselineFollowerWorkflowImpl.class);
        worker.registerActivitiesImplementations(new BaselineActivities.Impl(client));
        factory.start();
        try {
          int httpPort = freePort();
          ApiServer api =
              ApiServer.start(
                  client,
                  activities.stores(),
                  metrics.registry(),
                  activities.providerHealth(),
                  Path.of("bench", "config", "bench.yml"),
                  Map.of(
                      "httpPort", Integer.toString(httpPort),
                      "adminPort", Integer.toString(freePort()),
                      "dataDir", data.toString(),
                      "temporalTarget", connection.target(),
                      "namespace", connection.namespace(),
                      "taskQueue", TaskQueues.CEREMONIES,
                      "temporalWebUrl", ""));
          // The drivers that play the API send people's decisions signed, as the API does.
          WorkflowClient signing =
              SigningClientInterceptor.signing(
                  client,
                  SigningKeySource.onClassPath()
                      .signer(
                          new SigningSettings(SigningSettings.DEV_SIGNING_KEY, null, data, true),
                          env),
                  Clock.systemUTC());
          try {
            measure(options, signing, URI.create("http://127.0.0.1:" + httpPort + "/"), results);
          } finally {
            api.close();
          }
        } finally {
          factory.shutdown();
          factory.awaitTermination(30, TimeUnit.SECONDS);
        }
      }
    } finally {
      service.shutdown();
    }
    results.print(System.out);
    results.write(options.out());
    System.out.println("\nraw numbers and charts: " + options.out().toAbsolutePath());
  }

  private static void measure(
      BenchOptions options, WorkflowClient client, URI apiBase, BenchResults results)
      throws Exception {
    String tag = Long.toString(System.currentTimeMillis(), 36);
    ApiClient api = new ApiClient(apiBase);
    BaselineDriver baseline = new BaselineDriver(client, tag, BaselineDriver.Shape.SAME_HISTORY);
    GenerationDriver keyward = new GenerationDriver(client, tag);
    if (options.probe()) {
      probe(options, client, tag, baseline, keyward, results);
      return;
    }
    ApiGenerationDriver overApi = new ApiGenerationDriver(api, client, tag);
    List<CeremonyDriver> drivers = List.of(baseline, keyward, overApi);
    progress("authentication: each person's first request, then one more");
    for (String user : List.of("alice", "olivia", "lena", "kim", "kai", "sam", "audrey")) {
      String path = "api/generations/kv-bench/none-" + tag;
      for (String series : List.of("auth/first GET", "auth/next GET")) {
        long start = System.nanoTime();
        int status = api.status(user, path);
        results.series(series).add(System.nanoTime() - start);
        if (status != 404) {
          throw new IllegalStateException("GET " + path + " as " + user + " answered " + status);
        }
      }
    }
    results.figure(
        "authenticated GET, password checked", "auth/first GET", "auth/next GET", Double.NaN);
    progress("warm-up: %d ceremonies of each kind", options.warmup());
    for (CeremonyDriver driver : drivers) {
      runBatch(
          driver,
          0,
          options.warmup(),
          Math.min(4, options.inFlight()),
          DecisionTimings.discarded());
    }

    progress("round trips: %d ceremonies of each kind, one at a time", options.sequential());
    DecisionTimings baselineTimes =
        new DecisionTimings(
            results.series(BASELINE_UPDATE), results.series(BASELINE_VISIBLE), options.think());
    DecisionTimings keywardTimes =
        new DecisionTimings(
            results.series(KEYWARD_UPDATE), results.series(KEYWARD_VISIBLE), options.think());
    DecisionTimings apiTimes =
        new DecisionTimings(results.series(KEYWARD_API), new Latencies(), options.think());
    for (int i = 0; i < options.sequential(); i++) {
      // Interleaved, so that what else runs on the machine weighs on every path alike.
      baseline.run(10_000 + i, baselineTimes);
      keyward.run(10_000 + i, keywardTimes);
      overApi.run(10_000 + i, apiTimes);
    }
    results.figure("decision by a person over the API", KEYWARD_API, KEYWARD_UPDATE, 25);
    results.figure(
        "decision as a Temporal Update (Keyward)", KEYWARD_UPDATE, BASELINE_UPDATE, Double.NaN);
    results.figure(
        "Update, then queries until visible", KEYWARD_VISIBLE, BASELINE_VISIBLE, Double.NaN);

    BaselineDriver published = new BaselineDriver(client, tag, BaselineDriver.Shape.PUBLISHED);
    Map<String, CeremonyDriver> kinds = new LinkedHashMap<>();
    kinds.put("baseline", baseline);
    kinds.put("baselinePublished", published);
    kinds.put("keyward", keyward);
    int settling = Math.min(options.ceremonies(), 50);
    progress(
        "throughput: %d ceremonies of each kind to settle the JIT compiler, then %d of each,"
            + " %d in flight",
        settling, options.ceremonies(), options.inFlight());
    for (CeremonyDriver driver : kinds.values()) {
      runBatch(driver, 15_000, settling, options.inFlight(), DecisionTimings.throughput());
    }
    for (Map.Entry<String, CeremonyDriver> kind : kinds.entrySet()) {
      DecisionTimings throughput = DecisionTimings.throughput();
      CpuMeter.Reading cpuBefore = CpuMeter.read();
      long start = System.nanoTime();
      runBatch(kind.getValue(), 20_000, options.ceremonies(), options.inFlight(), throughput);
      double seconds = (System.nanoTime() - start) / 1e9;
      results.throughput(kind.getKey(), options.ceremonies() / seconds);
      Map<String, Double> perCeremony =
          new LinkedHashMap<>(CpuMeter.read().perItemSince(cpuBefore, options.ceremonies()));
      perCeremony.put("queries", (double) throughput.queries().get() / options.ceremonies());
      results.note("perCeremony/" + kind.getKey(), perCeremony);
    }

    results.note("historyBaseline", HistoryShape.of(client, baseline.workflowId(20_000)));
    results.note("historyBaselinePublished", HistoryShape.of(client, published.workflowId(20_000)));
    results.note("historyKeyward", HistoryShape.of(client, keyward.workflowId(20_000)));
    if (options.reports() > 0) {
      timeToDisable(options, client, api, keyward, tag, results);
    }
    if (options.pending() > 0) {
      InboxFigure.measure(options, client, apiBase, keyward, results);
    }
  }

  /**
   * The slow-mode probe: round trips one at a time of the baseline with and without a local
   * activity in its Update handler, and of Keyward's Updates, interleaved.
   */
  private static void probe(
      BenchOptions options,
      WorkflowClient client,
      String tag,
      BaselineDriver baseline,
      GenerationDriver keyward,
      BenchResults results)
      throws Exception {
    BaselineDriver bare = new BaselineDriver(client, tag, BaselineDriver.Shape.BARE);
    for (CeremonyDriver driver : List.of(baseline, bare, keyward)) {
      runBatch(driver, 0, options.warmup(), 1, DecisionTimings.discarded());
    }
    DecisionTimings withLocal =
        new DecisionTimings(
            results.series(BASELINE_UPDATE),
            results.series(BASELINE_VISIBLE),
            results.series("baseline/idle query"),
            options.think());
    DecisionTimings without =
        new DecisionTimings(
            results.series("bare/update"),
            results.series("bare/upd+query"),
            results.series("bare/idle query"),
            options.think());
    DecisionTimings keywardTimes =
        new DecisionTimings(
            results.series(KEYWARD_UPDATE), results.series(KEYWARD_VISIBLE), options.think());
    progress("probe: %d ceremonies of each kind, one at a time", options.sequential());
    for (int i = 0; i < options.sequential(); i++) {
      baseline.run(10_000 + i, withLocal);
      bare.run(10_000 + i, without);
      keyward.run(10_000 + i, keywardTimes);
    }
    results.figure("baseline Update with a local activity", BASELINE_UPDATE, "bare/update", 50);
    results.figure("Keyward Update", KEYWARD_UPDATE, "bare/update", 50);
    results.figure("baseline Update, then queries", BASELINE_VISIBLE, "bare/upd+query", 50);
    results.figure("query to an idle workflow", "baseline/idle query", "bare/idle query", 50);
  }

  private static void timeToDisable(
      BenchOptions options,
      WorkflowClient client,
      ApiClient api,
      GenerationDriver keyward,
      String tag,
      BenchResults results)
      throws Exception {
    CompromiseDriver reports = new CompromiseDriver(api, client, tag);
    progress("time to disable: 1 cold report, then %d on an idle worker", options.reports());
    int n = 0;
    reports.report(
        n++,
        registered(keyward),
        results.series("disable/cold"),
        results.series("disable-wf/cold"));
    for (int i = 0; i < options.reports(); i++) {
      reports.report(
          n++,
          registered(keyward),
          results.series("disable/idle"),
          results.series("disable-wf/idle"));
    }
    progress("time to disable: %d ceremonies left waiting in flight", options.background());
    for (int i = 0; i < options.background(); i++) {
      keyward.startWaiting(30_000 + i);
    }
    progress("time to disable: %d reports with them in flight", options.reports());
    for (int i = 0; i < options.reports(); i++) {
      reports.report(
          n++,
          registered(keyward),
          results.series("disable/loaded"),
          results.series("disable-wf/loaded"));
    }
    results.note("ceremoniesInFlightDuringLoadedReports", options.background());
    results.figure("time to disable, first report (cold)", "disable/cold", "disable-wf/cold", 250);
    results.figure("time to disable, idle worker", "disable/idle", "disable-wf/idle", 250);
    results.figure(
        "time to disable, " + options.background() + " in flight",
        "disable/loaded",
        "disable-wf/loaded",
        250);
  }

  private static KeyRef registered(GenerationDriver keyward) {
    return keyward
        .takeRegistered()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no registered key left to report: raise --ceremonies or lower --reports"));
  }

  private static void runBatch(
      CeremonyDriver driver, int offset, int count, int inFlight, DecisionTimings roundTrips)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(inFlight);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = offset + i;
        running.add(
            pool.submit(
                () -> {
                  driver.run(n, roundTrips);
                  return null;
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void progress(String format, Object... args) {
    System.err.printf("bench: " + format + "%n", args);
  }
}
