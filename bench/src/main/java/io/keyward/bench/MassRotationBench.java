package io.keyward.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.azure.AzureKeyVaultProvider;
import io.keyward.activities.rotation.ProviderLimits;
import io.keyward.activities.servicenow.UnconfiguredTickets;
import io.keyward.activities.stores.DatabaseEnvironment;
import io.keyward.activities.stores.JdbcStores;
import io.keyward.worker.CeremonyRegistrations;
import io.keyward.worker.KeywardActivities;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.lifecycle.KeyLifecycleWorkflow;
import io.keyward.workflows.lifecycle.LifecycleInput;
import io.keyward.workflows.lifecycle.LifecycleStartOptions;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.PolicyMatrix;
import io.keyward.workflows.policy.ProtectionLevel;
import io.keyward.workflows.register.KeyOwner;
import io.keyward.workflows.register.KeyState;
import io.keyward.workflows.register.RegisterUpdate;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Issue 17 item 7: a mass rotation of {@code --mass-rotation N} keys spread over {@code --vaults V}
 * Premium vaults, each a Key Vault stand-in holding HSM key creations to 10 per 10 s, by {@code
 * --workers} worker instances that share the rate limit through the stores' database (each with its
 * own pool, Temporal client and Key Vault clients, as separate processes have). Every key is a
 * RESTRICTED service token whose version expires in 20 days, so its lifecycle rotates it at once on
 * enrolment, automatically.
 *
 * <p>It reports the completion time beside the physical minimum ({@code N / (V × 1 per s)}), the
 * share of the vaults' limit used while the creations ran, the 429s the vaults answered, and the
 * throttling notices and failed rotations that reached a person (must be 0); and draws the creation
 * rate against the limit in {@code mass-rotation.svg}.
 */
final class MassRotationBench {
  private static final Duration EXPIRES_IN = Duration.ofDays(20);
  private static final int LIMIT = 10;
  private static final Duration WINDOW = Duration.ofSeconds(10);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MassRotationBench() {}

  /** One worker instance: its stores (own pool), activities, client and factory. */
  private record WorkerInstance(
      JdbcStores stores,
      KeywardActivities activities,
      CountedCreates creates,
      WorkerFactory factory) {}

  static void run(MassRotationOptions options) throws Exception {
    String tag = Long.toString(System.currentTimeMillis(), 36);
    Path data = Files.createTempDirectory("keyward-mass-rotation");
    Map<String, String> env = System.getenv();
    Files.createDirectories(options.out());
    PeopleTold people = new PeopleTold();
    try (StandInFleet fleet = new StandInFleet(tag, options.vaults());
        ScaleServer server = ScaleServer.start(options.cli(), data, null)) {
      List<KeyRef> keys = fill(fleet, options.keys());
      List<WorkerInstance> workers = new ArrayList<>();
      try {
        for (int w = 0; w < options.workers(); w++) {
          workers.add(startWorker(server, fleet, data, env, people, options.window()));
        }
        for (KeyRef key : keys) {
          register(workers.get(0).stores(), key);
        }
        progress(
            "mass rotation: %d keys over %d vaults, %d workers sharing the limit",
            keys.size(), options.vaults(), options.workers());
        Instant start = Instant.now();
        enrol(server.newSigningClient(), keys);
        Duration timeout = Duration.ofSeconds(120 + 3L * (keys.size() / options.vaults() + LIMIT));
        awaitCreates(fleet, start, keys.size(), timeout);
        Map<String, Object> results = results(options, fleet, workers, people, keys, start);
        write(options.out(), results, fleet, start);
        print(results);
      } finally {
        for (WorkerInstance worker : workers) {
          worker.factory().shutdown();
        }
        for (WorkerInstance worker : workers) {
          worker.factory().awaitTermination(30, TimeUnit.SECONDS);
          worker.activities().close();
        }
      }
    }
  }

  /** Makes each key's version in use, outside the limit: the vaults as they were before. */
  private static List<KeyRef> fill(StandInFleet fleet, int count) throws Exception {
    progress("mass rotation: filling %d vaults with %d keys", fleet.names().size(), count);
    fleet.enforceCreateLimit(false);
    AzureKeyVaultProvider filler = fleet.provider();
    List<KeyRef> keys = new ArrayList<>();
    Instant expires = Instant.now().plus(EXPIRES_IN);
    for (int i = 0; i < count; i++) {
      keys.add(new KeyRef(fleet.names().get(i % fleet.names().size()), "svc-token-" + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> made = new ArrayList<>();
      for (KeyRef key : keys) {
        made.add(pool.submit(() -> filler.create(existing(key, expires))));
      }
      for (Future<?> f : made) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    fleet.enforceCreateLimit(true);
    return keys;
  }

  private static WorkerInstance startWorker(
      ScaleServer server,
      StandInFleet fleet,
      Path data,
      Map<String, String> env,
      PeopleTold people,
      String window) {
    JdbcStores stores = JdbcStores.open(DatabaseEnvironment.settings(env, data, Files::readString));
    CountedCreates creates = new CountedCreates(fleet.provider());
    KeywardActivities activities =
        new KeywardActivities(
            stores,
            List.<KeyProvider>of(creates),
            false,
            people,
            new UnconfiguredTickets(),
            ProviderLimits.parse(
                StandInFleet.PROVIDER
                    + "=concurrency:16,creates:"
                    + LIMIT
                    + "/"
                    + window
                    + ",wait:5s"),
            new SimpleMeterRegistry());
    WorkflowClient client = server.newClient();
    WorkerFactory factory =
        WorkerFactory.newInstance(client, server.verifyingWorker(client).build());
    Worker worker = factory.newWorker(TaskQueues.CEREMONIES);
    CeremonyRegistrations.register(worker, activities);
    factory.start();
    return new WorkerInstance(stores, activities, creates, factory);
  }

  private static void enrol(WorkflowClient client, List<KeyRef> keys) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> started = new ArrayList<>();
      for (KeyRef key : keys) {
        started.add(
            pool.submit(
                () -> {
                  LifecycleInput input =
                      LifecycleInput.enrol(
                          key, KeyUsage.SERVICE_TOKEN, Classification.RESTRICTED, "olivia");
                  KeyLifecycleWorkflow lifecycle =
                      client.newWorkflowStub(
                          KeyLifecycleWorkflow.class,
                          LifecycleStartOptions.of(input, TaskQueues.CEREMONIES));
                  WorkflowClient.start(lifecycle::run, input);
                }));
      }
      for (Future<?> f : started) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void awaitCreates(
      StandInFleet fleet, Instant start, int expected, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    long made = 0;
    while (Instant.now().isBefore(deadline)) {
      made = rotationCreates(fleet, start, 200).size();
      if (made >= expected) {
        return;
      }
      Thread.sleep(1000);
      progress("mass rotation: %d of %d new versions made", made, expected);
    }
    throw new IllegalStateException(
        "only " + made + " of " + expected + " keys rotated within " + timeout);
  }

  private static List<StandInFleet.VaultRequest> rotationCreates(
      StandInFleet fleet, Instant start, int status) {
    return fleet.requests().stream()
        .filter(r -> r.isCreate() && r.request().status() == status)
        .filter(r -> !r.request().received().isBefore(start))
        .toList();
  }

  private static Map<String, Object> results(
      MassRotationOptions options,
      StandInFleet fleet,
      List<WorkerInstance> workers,
      PeopleTold people,
      List<KeyRef> keys,
      Instant start)
      throws InterruptedException {
    JdbcStores stores = workers.get(0).stores();
    Instant lastRotated = start;
    int rotated = 0;
    int failed = 0;
    for (KeyRef key : keys) {
      Optional<Instant> at = Optional.empty();
      for (int attempt = 0; attempt < 600 && at.isEmpty(); attempt++) {
        List<AuditRecord> records = stores.audit().recordsFor(LifecycleInput.workflowId(key));
        failed +=
            (int)
                records.stream()
                    .filter(r -> r.event().type().equals("AUTOMATIC_ROTATION_FAILED"))
                    .count();
        at =
            records.stream()
                .filter(r -> r.event().type().equals("KEY_ROTATED"))
                .map(r -> r.event().at())
                .findFirst();
        if (at.isEmpty()) {
          Thread.sleep(100);
        }
      }
      if (at.isPresent()) {
        rotated++;
        lastRotated = at.get().isAfter(lastRotated) ? at.get() : lastRotated;
      }
    }
    List<StandInFleet.VaultRequest> creates = rotationCreates(fleet, start, 200);
    Instant first = creates.stream().map(r -> r.request().received()).min(Instant::compareTo).get();
    Instant last = creates.stream().map(r -> r.request().received()).max(Instant::compareTo).get();
    double span = Duration.between(first, last).toMillis() / 1000.0;
    int vaults = options.vaults();
    int busiest = (keys.size() + vaults - 1) / vaults;
    // The least time the limit lets the busiest vault make its versions in: 10 at once, then 10
    // more each 10 s.
    double windowMinimum = (double) ((busiest + LIMIT - 1) / LIMIT - 1) * WINDOW.toSeconds();
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("startedAt", start.toString());
    results.put("cores", Runtime.getRuntime().availableProcessors());
    results.put("java", Runtime.version().toString());
    results.put("keys", keys.size());
    results.put("vaults", vaults);
    results.put("workers", workers.size());
    results.put("limit", LIMIT + " HSM key creations per 10 s per vault");
    results.put("keywardLimit", LIMIT + " per " + options.window() + " per vault, all workers");
    results.put("rotated", rotated);
    results.put("completionSeconds", Duration.between(start, lastRotated).toMillis() / 1000.0);
    results.put("physicalMinimumSeconds", (double) keys.size() / vaults);
    results.put("windowMinimumSeconds", windowMinimum);
    results.put("creationSpanSeconds", span);
    results.put("creations", creates.size());
    results.put("creationsPerSecond", span == 0 ? Double.NaN : creates.size() / span);
    results.put("limitPerSecond", (double) vaults * LIMIT / WINDOW.toSeconds());
    results.put("limitUsedShare", span == 0 ? 1.0 : windowMinimum / span);
    results.put("throttledByVault", rotationCreates(fleet, start, 429).size());
    results.put("creationsPerWorker", workers.stream().map(w -> w.creates().creates()).toList());
    results.put("notices", people.told());
    results.put("throttlingNoticesToPeople", people.throttling());
    results.put("throttlingNoticeTitles", people.throttlingTitles());
    results.put("failedRotations", failed);
    return results;
  }

  private static void write(
      Path out, Map<String, Object> results, StandInFleet fleet, Instant start) throws Exception {
    Files.writeString(out.resolve("mass-rotation.json"), JSON.writeValueAsString(results));
    List<StandInFleet.VaultRequest> creates = new ArrayList<>();
    creates.addAll(rotationCreates(fleet, start, 200));
    creates.addAll(rotationCreates(fleet, start, 429));
    Instant first =
        creates.stream().map(r -> r.request().received()).min(Instant::compareTo).orElse(start);
    StringBuilder csv = new StringBuilder("vault,seconds,status\n");
    creates.stream()
        .sorted((a, b) -> a.request().received().compareTo(b.request().received()))
        .forEach(
            r ->
                csv.append(
                    String.format(
                        Locale.ROOT,
                        "%s,%.3f,%d%n",
                        r.vault(),
                        Duration.between(first, r.request().received()).toMillis() / 1000.0,
                        r.request().status())));
    Files.writeString(out.resolve("mass-rotation.csv"), csv.toString());
    Files.writeString(
        out.resolve("mass-rotation.svg"),
        RotationRateChart.draw(
            rotationCreates(fleet, start, 200).stream().map(r -> r.request().received()).toList(),
            first,
            fleet.names().size(),
            LIMIT,
            WINDOW,
            results));
  }

  private static void print(Map<String, Object> results) {
    System.out.println();
    System.out.println("Mass rotation against Key Vault's HSM key creation limit");
    results.forEach((name, value) -> System.out.printf(Locale.ROOT, "  %-28s %s%n", name, value));
  }

  private static void register(JdbcStores stores, KeyRef key) {
    stores
        .keyRegister()
        .apply(
            new RegisterUpdate(
                key,
                "bench/" + key,
                "keygen/" + key,
                "bench",
                Instant.now(),
                Classification.RESTRICTED,
                KeyUsage.SERVICE_TOKEN,
                new KeyOwner(null, "alice"),
                PolicyMatrix.policyFor(Classification.RESTRICTED).protection(),
                null,
                KeyState.ACTIVE,
                null));
  }

  private static CreateKeyCommand existing(KeyRef key, Instant expires) {
    Set<KeyOperation> ops = Set.of(KeyOperation.SIGN, KeyOperation.VERIFY);
    return new CreateKeyCommand(
        key,
        new KeySpec(KeyType.EC, null, EcCurve.P_256, ops, null, null),
        ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
        new KeyAttributes(ops, null, expires, true, Map.of("Classification", "RESTRICTED")),
        "bench/" + key);
  }

  private static void progress(String format, Object... args) {
    System.err.printf("bench: " + format + "%n", args);
  }
}
