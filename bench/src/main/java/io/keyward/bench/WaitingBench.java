package io.keyward.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.keyward.worker.CeremonyRegistrations;
import io.keyward.worker.KeywardActivities;
import io.keyward.worker.WorkerSettings;
import io.keyward.workflows.common.TaskQueues;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Issue 17 item 6: {@code --waiting N} generation ceremonies started on one worker and left waiting
 * for their approvers. While they start, the worker's heap is measured after a full GC (the JVM's
 * {@link MemoryMXBean}, this process being the worker); it stays flat because the worker keeps at
 * most {@code --cache} workflows in memory (the SDK's sticky cache, 600 by default) and a waiting
 * ceremony out of the cache costs the worker nothing. The dev server keeps its state in a SQLite
 * file under the output folder, whose growth divided by N is the server's storage per waiting
 * ceremony.
 */
final class WaitingBench {
  /** How long the catch-up may go without one more ceremony listed before the bench stops. */
  private static final Duration STALLED = Duration.ofMinutes(2);

  private static final String WAITING_QUERY =
      "WorkflowType = 'KeyGeneration' AND ExecutionStatus = 'Running'"
          + " AND KeywardAwaitingRoles IN ('CRYPTO_OFFICER')";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private WaitingBench() {}

  /** The heap after a full GC when {@code started} ceremonies were started. */
  record HeapSample(int started, double seconds, double heapMb) {}

  static void run(WaitingOptions options) throws Exception {
    String tag = Long.toString(System.currentTimeMillis(), 36);
    Path data = Files.createTempDirectory("keyward-waiting");
    Files.createDirectories(options.out());
    Path dbFile = options.out().resolve("waiting-" + tag + ".db").toAbsolutePath();
    Map<String, String> env = System.getenv();
    try (ScaleServer server = ScaleServer.start(options.cli(), data, dbFile)) {
      WorkflowClient client = server.newClient();
      try (KeywardActivities activities =
          KeywardActivities.open(
              new WorkerSettings(
                  server.connection().target(),
                  server.connection().namespace(),
                  TaskQueues.CEREMONIES,
                  data,
                  true),
              env)) {
        WorkerFactory factory =
            WorkerFactory.newInstance(
                client,
                server.verifyingWorker(client).setWorkflowCacheSize(options.cacheSize()).build());
        Worker worker = factory.newWorker(TaskQueues.CEREMONIES);
        CeremonyRegistrations.register(worker, activities);
        factory.start();
        try {
          measure(options, server.newSigningClient(), server, dbFile, tag);
        } finally {
          factory.shutdown();
          factory.awaitTermination(30, TimeUnit.SECONDS);
        }
      }
    }
  }

  private static void measure(
      WaitingOptions options, WorkflowClient client, ScaleServer server, Path dbFile, String tag)
      throws Exception {
    GenerationDriver generations = new GenerationDriver(client, tag);
    // One ceremony through its first task, so the worker has loaded what it needs.
    generations.startWaiting(0);
    awaitWaiting(client, server, 1);
    long storageBefore = storage(dbFile);
    List<HeapSample> heap = new ArrayList<>();
    heap.add(new HeapSample(0, 0, heapAfterGc()));
    int n = options.ceremonies();
    int step = Math.max(1, n / options.samples());
    long start = System.nanoTime();
    long sampling = 0;
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      for (int from = 1; from <= n; from += step) {
        int to = Math.min(n, from + step - 1);
        List<Future<?>> started = new ArrayList<>();
        for (int i = from; i <= to; i++) {
          int ceremony = i;
          started.add(pool.submit(() -> generations.startWaiting(ceremony)));
        }
        for (Future<?> f : started) {
          f.get();
        }
        long sampleStart = System.nanoTime();
        heap.add(new HeapSample(to, (sampleStart - start) / 1e9, heapAfterGc()));
        sampling += System.nanoTime() - sampleStart;
        progress(
            "waiting: %d of %d started, heap %.1f MB", to, n, heap.get(heap.size() - 1).heapMb());
      }
    } finally {
      pool.shutdownNow();
    }
    double startSeconds = (System.nanoTime() - start - sampling) / 1e9;
    long waiting = awaitWaiting(client, server, n + 1);
    double settledSeconds = (System.nanoTime() - start - sampling) / 1e9;
    heap.add(new HeapSample(n, (System.nanoTime() - start) / 1e9, heapAfterGc()));
    long storageAfter = storage(dbFile);

    Map<String, Object> results = new LinkedHashMap<>();
    results.put("cores", Runtime.getRuntime().availableProcessors());
    results.put("java", Runtime.version().toString());
    results.put("maxHeapMb", Runtime.getRuntime().maxMemory() / 1e6);
    results.put("ceremonies", n);
    results.put("waitingOnPeople", waiting);
    results.put("workflowCacheSize", options.cacheSize());
    results.put("startsPerSecond", n / startSeconds);
    results.put("allWaitingAfterSeconds", settledSeconds);
    results.put("heapAtStartMb", heap.get(0).heapMb());
    results.put("heapAtEndMb", heap.get(heap.size() - 1).heapMb());
    results.put(
        "heapMaxMb", heap.stream().mapToDouble(HeapSample::heapMb).max().orElse(Double.NaN));
    results.put("serverDbFile", dbFile.toString());
    results.put("serverStorageBytes", storageAfter);
    results.put("serverStoragePerCeremonyBytes", (storageAfter - storageBefore) / (double) n);
    results.put("historyOfOne", HistoryShape.of(client, generations.workflowId(n)));
    results.put("heap", heap);
    Files.writeString(options.out().resolve("waiting.json"), JSON.writeValueAsString(results));
    Files.writeString(options.out().resolve("waiting-heap.svg"), chart(heap, options));
    System.out.println();
    System.out.println("Ceremonies waiting on people, one worker");
    results.forEach(
        (name, value) -> {
          if (!name.equals("heap")) {
            System.out.printf(Locale.ROOT, "  %-32s %s%n", name, value);
          }
        });
  }

  /**
   * Waits until visibility lists {@code expected} generations waiting on the approver, for as long
   * as the worker keeps taking them through their first task: it gives up only after {@link
   * #STALLED} without one more listed. Every half minute it prints how many are listed and the
   * worker's heap after GC.
   */
  private static long awaitWaiting(WorkflowClient client, ScaleServer server, long expected)
      throws InterruptedException {
    long count = 0;
    long lastRise = System.nanoTime();
    long lastReport = System.nanoTime();
    while (System.nanoTime() - lastRise < STALLED.toNanos()) {
      long now =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .countWorkflowExecutions(
                  CountWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(server.connection().namespace())
                      .setQuery(WAITING_QUERY)
                      .build())
              .getCount();
      if (now >= expected) {
        return now;
      }
      if (now > count) {
        count = now;
        lastRise = System.nanoTime();
      }
      if (System.nanoTime() - lastReport > Duration.ofSeconds(30).toNanos()) {
        progress(
            "waiting: %d of %d through the worker, heap %.1f MB", count, expected, heapAfterGc());
        lastReport = System.nanoTime();
      }
      Thread.sleep(500);
    }
    return count;
  }

  private static double heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed() / 1e6;
  }

  /** The SQLite file with its write-ahead log and shared memory file. */
  private static long storage(Path dbFile) throws IOException {
    long bytes = 0;
    for (String suffix : List.of("", "-wal", "-shm")) {
      Path part = dbFile.resolveSibling(dbFile.getFileName() + suffix);
      if (Files.exists(part)) {
        bytes += Files.size(part);
      }
    }
    return bytes;
  }

  private static String chart(List<HeapSample> heap, WaitingOptions options) {
    List<String> categories = new ArrayList<>();
    double[][] values = new double[heap.size()][1];
    for (int i = 0; i < heap.size(); i++) {
      categories.add(Integer.toString(heap.get(i).started()));
      values[i][0] = heap.get(i).heapMb();
    }
    return SvgBars.chart(
        "Worker heap after GC as ceremonies start and wait (cache " + options.cacheSize() + ")",
        "MB",
        categories,
        List.of("heap used after GC"),
        values,
        Double.NaN,
        "");
  }

  private static void progress(String format, Object... args) {
    System.err.printf("bench: " + format + "%n", args);
  }
}
