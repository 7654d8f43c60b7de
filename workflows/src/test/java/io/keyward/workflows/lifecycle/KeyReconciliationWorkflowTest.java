package io.keyward.workflows.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.ProtectionLevel;
import io.keyward.workflows.rotation.NextVersion;
import io.keyward.workflows.testing.InMemoryDependencies;
import io.keyward.workflows.testing.InMemoryKeyProvider;
import io.keyward.workflows.testing.InMemoryRegister;
import io.keyward.workflows.testing.RecordingAudit;
import io.keyward.workflows.testing.RecordingNotifications;
import io.keyward.workflows.testing.StartingLifecycles;
import io.keyward.workflows.testing.WorkflowTestServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The weekly reconciliation (runbook 6.2): keys near expiry without a lifecycle get one. */
class KeyReconciliationWorkflowTest {
  private final InMemoryRegister register = new InMemoryRegister();

  private static final KeyRef API = new KeyRef("kv-apps", "partner-api");
  private static final KeyRef LATER = new KeyRef("kv-apps", "reports-signing");
  private static final KeyRef MANAGED = new KeyRef("kv-apps", "orders-signing");
  private static final KeyRef NO_EXPIRY = new KeyRef("kv-legacy", "old-app-key");

  @RegisterExtension
  static final WorkflowTestServer server = WorkflowTestServer.withKeywardSearchAttributes();

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private InMemoryKeyProvider keys;

  @BeforeEach
  void startWorker() {
    env = server.env();
    keys = new InMemoryKeyProvider();
    server.startWorker(
        worker -> {
          worker.registerWorkflowImplementationTypes(
              KeyReconciliationWorkflowImpl.class, KeyLifecycleWorkflowImpl.class);
          worker.registerActivitiesImplementations(
              register.activities(),
              keys,
              new InventoryOf(keys),
              new RecordingAudit(),
              new RecordingNotifications(),
              new InMemoryDependencies(),
              new StartingLifecycles());
        });
    client = env.getWorkflowClient();
  }

  @Test
  void enrolsKeysNearExpiryThatHaveNoLifecycle() {
    key(API, Duration.ofDays(20), Map.of("KeyUsage", "API_KEY", "Classification", "RESTRICTED"));
    key(LATER, Duration.ofDays(300), Map.of());
    // Near expiry, and its lifecycle rotates it only 30 days before: five days from now, so the
    // reconciliation sees the version the lifecycle waits on rather than racing its rotation.
    key(MANAGED, Duration.ofDays(35), Map.of());
    key(NO_EXPIRY, null, Map.of());
    register.register(API, Classification.RESTRICTED, KeyUsage.API_KEY, "alice");
    KeyLifecycleWorkflow managed =
        client.newWorkflowStub(
            KeyLifecycleWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(LifecycleInput.workflowId(MANAGED))
                .setTaskQueue(TaskQueues.CEREMONIES)
                .build());
    WorkflowClient.start(
        managed::run,
        LifecycleInput.enrol(MANAGED, KeyUsage.APPLICATION, Classification.CONFIDENTIAL, "olivia"));

    ReconciliationReport report =
        client
            .newWorkflowStub(
                KeyReconciliationWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(KeyReconciliationWorkflow.ON_DEMAND_ID)
                    .setTaskQueue(TaskQueues.CEREMONIES)
                    .build())
            .run(ReconciliationRequest.weekly());

    assertThat(report.keysSeen()).isEqualTo(4);
    assertThat(report.nearExpiry()).isEqualTo(3);
    assertThat(report.enrolled()).containsExactlyInAnyOrder(API.toString(), NO_EXPIRY.toString());
    assertThat(report.alreadyManaged()).isEqualTo(1);
    LifecycleState api =
        client.newWorkflowStub(KeyLifecycleWorkflow.class, LifecycleInput.workflowId(API)).state();
    assertThat(api.usage()).isEqualTo(KeyUsage.API_KEY);
    assertThat(api.classification()).isEqualTo(Classification.RESTRICTED);
    assertThat(api.enrolledBy()).isEqualTo("reconciliation (schedule)");
    assertThat(
            client
                .newWorkflowStub(KeyLifecycleWorkflow.class, LifecycleInput.workflowId(NO_EXPIRY))
                .state()
                .usage())
        .isEqualTo(KeyUsage.APPLICATION);
    env.sleep(Duration.ofMinutes(1));
    assertThat(
            client
                .newWorkflowStub(KeyLifecycleWorkflow.class, LifecycleInput.workflowId(NO_EXPIRY))
                .state()
                .classification())
        .as("a key the reconciliation found and the register does not hold counts as ULTRA")
        .isEqualTo(Classification.ULTRA);
  }

  private void key(KeyRef key, Duration validFor, Map<String, String> tags) {
    Instant created = Instant.ofEpochMilli(env.currentTimeMillis());
    keys.create(
        new CreateKeyCommand(
            key,
            new KeySpec(
                KeyType.AES,
                256,
                null,
                Set.of(KeyOperation.ENCRYPT, KeyOperation.DECRYPT),
                null,
                null),
            ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
            new KeyAttributes(
                Set.of(KeyOperation.ENCRYPT, KeyOperation.DECRYPT),
                created,
                validFor == null ? null : created.plus(validFor),
                true,
                new HashMap<>(tags)),
            "existing-" + key));
  }

  /** The inventory over the in-memory provider, as the real one reads the configured providers. */
  static final class InventoryOf implements KeyInventoryActivities {
    private final InMemoryKeyProvider keys;

    InventoryOf(InMemoryKeyProvider keys) {
      this.keys = keys;
    }

    @Override
    public KeyInventory expiringBefore(Instant cutoff) {
      List<KeyRef> all = keys.listKeys();
      List<KeyExpiry> expiring = new ArrayList<>();
      for (KeyRef key : all) {
        NextVersion.current(keys.listVersions(key))
            .filter(v -> v.expires() == null || v.expires().isBefore(cutoff))
            .ifPresent(v -> expiring.add(expiry(v)));
      }
      return new KeyInventory(all.size(), expiring);
    }

    private static KeyExpiry expiry(KeyVersionInfo v) {
      return new KeyExpiry(
          v.key(),
          v.version(),
          v.expires(),
          v.tags().get("Classification"),
          v.tags().get("KeyUsage"));
    }
  }
}
