package io.keyward.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.MasterSecret;
import io.keyward.activities.hsm.SoftwareKeyProvider;
import io.keyward.activities.notify.LoggingNotifications;
import io.keyward.activities.rotation.ProviderLimits;
import io.keyward.activities.servicenow.UnconfiguredTickets;
import io.keyward.activities.stores.JdbcStores;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.lifecycle.KeyLifecycleWorkflow;
import io.keyward.workflows.lifecycle.LifecycleInput;
import io.keyward.workflows.lifecycle.LifecyclePhase;
import io.keyward.workflows.lifecycle.LifecycleState;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.ProtectionLevel;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runbook 6.2 at scale: 50 keys whose versions expire on the same day rotate on the worker as the
 * worker process registers it, with the configured provider limit, against a provider that
 * throttles key creation like Azure Key Vault. None fails; throttled creates back off and retry.
 */
class ManyKeysRotationTest {
  private static final int KEYS = 50;
  private static final int CONCURRENCY = 3;

  @TempDir Path data;
  private TestWorkflowEnvironment env;
  private JdbcStores stores;
  private KeywardActivities activities;
  private ThrottlingKeyProvider provider;
  private SoftwareKeyProvider software;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    KeywardSearchAttributes.DEFINITIONS.forEach(
        (name, type) -> env.registerSearchAttribute(name, indexed(type)));
    stores = JdbcStores.embedded(data);
    byte[] secret = new byte[MasterSecret.MIN_BYTES];
    new SecureRandom().nextBytes(secret);
    software = new SoftwareKeyProvider(data.resolve("keys"), MasterSecret.of(secret));
    provider = new ThrottlingKeyProvider(software, 5, Duration.ofSeconds(1));
    activities =
        new KeywardActivities(
            stores,
            List.<KeyProvider>of(provider),
            true,
            new LoggingNotifications(),
            new UnconfiguredTickets(),
            ProviderLimits.parse("software=concurrency:" + CONCURRENCY + ",creates:100/1s"));
    Worker worker = env.newWorker(TaskQueues.CEREMONIES);
    CeremonyRegistrations.register(worker, activities);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
    activities.close();
  }

  @Test
  void fiftyKeysDueTheSameDayAllRotateWithinTheProviderLimits() {
    Instant expires = Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofDays(40));
    List<KeyRef> keys = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      KeyRef key = new KeyRef("kv-apps", "service-token-" + i);
      keys.add(key);
      existingKey(key, expires);
      enrol(key);
    }

    env.sleep(Duration.ofDays(11));
    for (KeyRef key : keys) {
      awaitRotated(key);
    }

    for (KeyRef key : keys) {
      List<KeyVersionInfo> versions = software.listVersions(key);
      assertThat(versions).as(key.toString()).hasSize(2);
      assertThat(versions).as(key.toString()).allMatch(KeyVersionInfo::enabled);
    }
    assertThat(provider.throttled()).as("the provider throttled some creates").isPositive();
    assertThat(provider.maxInFlight()).isLessThanOrEqualTo(CONCURRENCY);
    assertThat(stores.audit().recordsFor(LifecycleInput.workflowId(keys.get(0))))
        .extracting(r -> r.event().type())
        .contains("KEY_ENROLLED", "KEY_ROTATED")
        .doesNotContain("AUTOMATIC_ROTATION_FAILED");
  }

  private void awaitRotated(KeyRef key) {
    KeyLifecycleWorkflow lifecycle =
        env.getWorkflowClient()
            .newWorkflowStub(KeyLifecycleWorkflow.class, LifecycleInput.workflowId(key));
    LifecycleState state = lifecycle.state();
    for (int i = 0; i < 600 && state.phase() != LifecyclePhase.WAITING_TO_NOTIFY; i++) {
      env.sleep(Duration.ofMillis(100));
      state = lifecycle.state();
    }
    assertThat(state.phase()).as(key.toString()).isEqualTo(LifecyclePhase.WAITING_TO_NOTIFY);
  }

  private void enrol(KeyRef key) {
    RegisteredForTests.register(
        stores, key, Classification.RESTRICTED, KeyUsage.SERVICE_TOKEN, "alice");
    KeyLifecycleWorkflow lifecycle =
        env.getWorkflowClient()
            .newWorkflowStub(
                KeyLifecycleWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(LifecycleInput.workflowId(key))
                    .setTaskQueue(TaskQueues.CEREMONIES)
                    .build());
    WorkflowClient.start(
        lifecycle::run,
        LifecycleInput.enrol(key, KeyUsage.SERVICE_TOKEN, Classification.RESTRICTED, "olivia"));
  }

  private void existingKey(KeyRef key, Instant expires) {
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    software.create(
        new CreateKeyCommand(
            key,
            new KeySpec(
                KeyType.EC,
                null,
                EcCurve.P_256,
                Set.of(KeyOperation.SIGN, KeyOperation.VERIFY),
                null,
                null),
            ProtectionLevel.STANDARD_KEY_VAULT,
            new KeyAttributes(
                Set.of(KeyOperation.SIGN, KeyOperation.VERIFY),
                now,
                expires,
                true,
                Map.of("Classification", "RESTRICTED")),
            "existing/" + key));
  }

  private static IndexedValueType indexed(String type) {
    return switch (type) {
      case "KeywordList" -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST;
      case "Datetime" -> IndexedValueType.INDEXED_VALUE_TYPE_DATETIME;
      default -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
    };
  }
}
