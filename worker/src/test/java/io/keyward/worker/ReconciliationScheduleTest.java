package io.keyward.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.MasterSecret;
import io.keyward.activities.hsm.SoftwareKeyProvider;
import io.keyward.activities.stores.JdbcStores;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.lifecycle.KeyLifecycleWorkflow;
import io.keyward.workflows.lifecycle.LifecycleInput;
import io.keyward.workflows.lifecycle.LifecycleState;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.ProtectionLevel;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TemporalDevServer;
import io.temporal.testing.TemporalDevServerOptions;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weekly reconciliation as a Schedule on a real Temporal dev server (the in-process test server
 * has no schedules): created once however often the worker starts, due on Mondays at 02:00 UTC, and
 * a run of it enrols a key near expiry. Needs the Temporal CLI ({@code KEYWARD_TEMPORAL_CLI},
 * {@code temporal-dev/.tools/venv/bin/temporal} or {@code temporal} on PATH); without one it is
 * skipped, except under CI, where it fails.
 */
class ReconciliationScheduleTest {
  private static final KeyRef KEY = new KeyRef("kv-apps", "billing-api");

  @TempDir Path data;

  @Test
  void keepsOneWeeklyScheduleWhoseRunsEnrolKeysNearExpiry() throws Exception {
    Optional<Path> cli = temporalCli();
    if (System.getenv("CI") == null) {
      assumeTrue(cli.isPresent(), "no Temporal CLI for the dev server");
    }
    assertThat(cli).as("the Temporal CLI under CI").isPresent();
    try (TemporalDevServer server = startServer(cli.get())) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(server.getTarget()).build());
      WorkflowClient client =
          WorkflowClient.newInstance(
              stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
      ScheduleClient schedules =
          ScheduleClient.newInstance(
              stubs, ScheduleClientOptions.newBuilder().setNamespace("default").build());
      KeywardActivities activities =
          new KeywardActivities(
              JdbcStores.embedded(data), List.<KeyProvider>of(softwareWithKeyNearExpiry()), true);
      WorkerFactory workers = WorkerFactory.newInstance(client);
      CeremonyRegistrations.register(workers.newWorker(TaskQueues.CEREMONIES), activities);
      workers.start();
      try {
        ReconciliationSchedule.ensure(schedules, TaskQueues.CEREMONIES);
        ScheduleHandle handle = ReconciliationSchedule.ensure(schedules, TaskQueues.CEREMONIES);

        assertThat(
                schedules
                    .listSchedules()
                    .filter(s -> s.getScheduleId().equals(ReconciliationSchedule.SCHEDULE_ID))
                    .count())
            .isEqualTo(1);
        ScheduleDescription described = handle.describe();
        assertThat(described.getInfo().getNextActionTimes())
            .isNotEmpty()
            .allSatisfy(
                at -> {
                  ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
                  assertThat(utc.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
                  assertThat(utc.getHour()).isEqualTo(2);
                  assertThat(utc.getMinute()).isZero();
                });
        assertThat(
                ((ScheduleActionStartWorkflow) described.getSchedule().getAction())
                    .getOptions()
                    .getTaskQueue())
            .isEqualTo(TaskQueues.CEREMONIES);

        handle.trigger();

        LifecycleState lifecycle = awaitLifecycle(client);
        assertThat(lifecycle.key()).isEqualTo(KEY);
        assertThat(lifecycle.usage()).isEqualTo(KeyUsage.API_KEY);
        assertThat(lifecycle.enrolledBy()).isEqualTo("reconciliation (schedule)");
        handle.delete();
      } finally {
        workers.shutdown();
        workers.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        activities.close();
        stubs.shutdown();
      }
    }
  }

  private LifecycleState awaitLifecycle(WorkflowClient client) throws InterruptedException {
    KeyLifecycleWorkflow lifecycle =
        client.newWorkflowStub(KeyLifecycleWorkflow.class, LifecycleInput.workflowId(KEY));
    for (int i = 0; i < 300; i++) {
      try {
        LifecycleState state = lifecycle.state();
        if (state.currentVersion() != null) {
          return state;
        }
      } catch (WorkflowNotFoundException notYet) {
        // the scheduled run has not reached the key yet
      }
      Thread.sleep(100);
    }
    return lifecycle.state();
  }

  private SoftwareKeyProvider softwareWithKeyNearExpiry() {
    byte[] secret = new byte[MasterSecret.MIN_BYTES];
    new SecureRandom().nextBytes(secret);
    SoftwareKeyProvider software =
        new SoftwareKeyProvider(data.resolve("keys"), MasterSecret.of(secret));
    Instant now = Instant.now();
    software.create(
        new CreateKeyCommand(
            KEY,
            new KeySpec(
                KeyType.HMAC,
                256,
                null,
                Set.of(KeyOperation.SIGN, KeyOperation.VERIFY),
                null,
                null),
            ProtectionLevel.STANDARD_KEY_VAULT,
            new KeyAttributes(
                Set.of(KeyOperation.SIGN, KeyOperation.VERIFY),
                now,
                now.plus(Duration.ofDays(20)),
                true,
                Map.of("KeyUsage", "API_KEY", "Classification", "RESTRICTED")),
            "existing/" + KEY));
    return software;
  }

  private TemporalDevServer startServer(Path cli) throws IOException {
    List<String> args = new ArrayList<>();
    new TreeMap<>(KeywardSearchAttributes.DEFINITIONS)
        .forEach(
            (name, type) -> {
              args.add("--search-attribute");
              args.add(name + "=" + type);
            });
    return TemporalDevServer.start(
        TemporalDevServerOptions.newBuilder()
            .setExistingPath(cli.toString())
            .setDownloadEnabled(false)
            .setIp("127.0.0.1")
            .setPort(freePort())
            .setUiEnabled(false)
            .setDatabaseFilename(data.resolve("temporal.db").toString())
            .setLogFile(data.resolve("temporal.log").toString())
            .setStartupTimeout(Duration.ofSeconds(60))
            .setExtraArgs(args)
            .build());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static Optional<Path> temporalCli() {
    String configured = System.getenv("KEYWARD_TEMPORAL_CLI");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    Path installed = Path.of("..", "temporal-dev", ".tools", "venv", "bin", "temporal");
    if (Files.isExecutable(installed)) {
      return Optional.of(installed.toAbsolutePath());
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, "temporal");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
