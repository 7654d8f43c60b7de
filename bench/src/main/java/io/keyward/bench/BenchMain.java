package io.keyward.bench;

import io.keyward.worker.CeremonyRegistrations;
import io.keyward.worker.KeywardActivities;
import io.keyward.worker.TemporalClients;
import io.keyward.worker.WorkerSettings;
import io.keyward.workflows.codec.CodecSettings;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.connection.TemporalConnection;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testing.TemporalDevServer;
import io.temporal.testing.TemporalDevServerOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures, against a real Temporal dev server started for the run (or the Temporal that {@code
 * KEYWARD_TEMPORAL_TARGET} and the other variables of {@link TemporalConnection} name), the
 * approval round trip (Update sent, accepted, visible in a query) and whole ceremonies per second
 * with N in flight, for Keyward's generation ceremony and for a baseline of the same shape.
 *
 * <p>Usage: {@code bench/run [--sequential 50] [--ceremonies 200] [--in-flight 16]}.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
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
   * Runs the worker and the drivers against {@code connection}, with payloads encrypted as in
   * production ({@code KEYWARD_CODEC_KEK}, the software key of the run's data directory by
   * default).
   */
  private static void run(
      BenchOptions options, Path data, TemporalConnection connection, Map<String, String> env)
      throws Exception {
    WorkflowServiceStubs service = TemporalClients.stubs(connection, env);
    try {
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
        WorkerFactory factory = WorkerFactory.newInstance(client);
        Worker worker = factory.newWorker(TaskQueues.CEREMONIES);
        CeremonyRegistrations.register(worker, activities);
        worker.registerWorkflowImplementationTypes(BaselineWorkflowImpl.class);
        worker.registerActivitiesImplementations(new BaselineActivities.Impl());
        factory.start();

        String tag = Long.toString(System.currentTimeMillis(), 36);
        List<CeremonyDriver> drivers =
            List.of(new BaselineDriver(client, tag), new GenerationDriver(client, tag));
        List<Result> results = new ArrayList<>();
        for (CeremonyDriver driver : drivers) {
          runBatch(driver, 0, options.warmup(), Math.min(4, options.inFlight()), new Latencies());
        }
        for (CeremonyDriver driver : drivers) {
          Latencies sequential = new Latencies();
          runBatch(driver, 10_000, options.sequential(), 1, sequential);
          long start = System.nanoTime();
          runBatch(driver, 20_000, options.ceremonies(), options.inFlight(), new Latencies());
          double seconds = (System.nanoTime() - start) / 1e9;
          results.add(new Result(driver.name(), sequential, options.ceremonies() / seconds));
        }
        factory.shutdown();
        print(options, results);
      }
    } finally {
      service.shutdown();
    }
  }

  private static void runBatch(
      CeremonyDriver driver, int offset, int count, int inFlight, Latencies roundTrips)
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

  private record Result(String name, Latencies roundTrips, double perSecond) {}

  private static void print(BenchOptions options, List<Result> results) {
    System.out.printf(
        Locale.ROOT,
        "%nKeyward benchmark: %d cores, Java %s, %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    System.out.printf(
        Locale.ROOT,
        "round trip: %d ceremonies one at a time (5 Updates each); throughput: %d ceremonies, %d"
            + " in flight%n%n",
        options.sequential(),
        options.ceremonies(),
        options.inFlight());
    System.out.printf(
        Locale.ROOT,
        "%-20s %10s %10s %10s %8s %16s%n",
        "workflow",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "updates",
        "ceremonies/s");
    for (Result r : results) {
      System.out.printf(
          Locale.ROOT,
          "%-20s %10.1f %10.1f %10.1f %8d %16.2f%n",
          r.name(),
          r.roundTrips().percentileMillis(50),
          r.roundTrips().percentileMillis(95),
          r.roundTrips().percentileMillis(99),
          r.roundTrips().count(),
          r.perSecond());
    }
    Result baseline = results.get(0);
    Result keyward = results.get(1);
    System.out.printf(
        Locale.ROOT,
        "%nKeyward/baseline: round trip p95 x%.2f, throughput x%.2f (targets: p95 < 50 ms,"
            + " throughput >= 0.5 of baseline)%n",
        keyward.roundTrips().percentileMillis(95) / baseline.roundTrips().percentileMillis(95),
        keyward.perSecond() / baseline.perSecond());
  }
}
