package io.keyward.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.azure.AzureKeyVaultProvider;
import io.keyward.activities.hsm.azure.KeyVaultStandIn;
import io.keyward.activities.hsm.azure.StandInProviders;
import io.keyward.activities.hsm.azure.StandInVaultKind;
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
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationActivities;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key's automatic rotation in a Premium vault whose HSM key creations another client has just
 * used up: Key Vault (the stand-in, on the workflow's clock) answers the creation 429 with
 * Retry-After, the activity fails as retryable and comes back after it, and the rotation completes.
 * Nobody is told of the throttling: the only notice is the rotation's own.
 */
class ThrottledRotationTest {
  private static final String VAULT = "kv-payments";

  @TempDir Path data;
  private TestWorkflowEnvironment env;
  private KeyVaultStandIn standIn;
  private JdbcStores stores;
  private KeywardActivities activities;
  private final List<Notification> told = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    KeywardSearchAttributes.DEFINITIONS.forEach(
        (name, type) -> env.registerSearchAttribute(name, indexed(type)));
    standIn = KeyVaultStandIn.start(StandInVaultKind.PREMIUM, workflowClock());
    stores = JdbcStores.embedded(data);
    // No retries inside the SDK: the 429 goes back to Temporal, as a long Retry-After does.
    AzureKeyVaultProvider premium =
        StandInProviders.provider(
            standIn,
            "premium-vault",
            ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
            VAULT,
            0,
            Duration.ofSeconds(5));
    NotificationActivities people =
        notification -> {
          told.add(notification);
          return "recorded";
        };
    activities =
        new KeywardActivities(
            stores,
            List.<KeyProvider>of(premium),
            false,
            people,
            new UnconfiguredTickets(),
            ProviderLimits.parse("premium-vault=creates:10/10s"));
    Worker worker = env.newWorker(TaskQueues.CEREMONIES);
    CeremonyRegistrations.register(worker, activities);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
    activities.close();
    standIn.close();
  }

  @Test
  void aCreationThrottledByTheVaultIsRetriedAfterItsRetryAfterAndNobodyIsTold() {
    AzureKeyVaultProvider otherClient =
        StandInProviders.provider(
            standIn,
            "other-client",
            ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
            VAULT,
            0,
            Duration.ofSeconds(5));
    KeyRef key = new KeyRef(VAULT, "payments-token");
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    // Due for rotation now (30 days before expiry), and the last of the vault's 10 creations.
    otherClient.create(existing(key, now.plus(Duration.ofDays(20))));
    for (int i = 0; i < 9; i++) {
      otherClient.create(existing(new KeyRef(VAULT, "other-" + i), now.plus(Duration.ofDays(300))));
    }
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
    LifecycleState state = lifecycle.state();
    for (int i = 0; i < 120 && state.phase() != LifecyclePhase.WAITING_TO_NOTIFY; i++) {
      env.sleep(Duration.ofSeconds(1));
      state = lifecycle.state();
    }

    assertThat(state.phase()).isEqualTo(LifecyclePhase.WAITING_TO_NOTIFY);
    assertThat(standIn.requests())
        .filteredOn(r -> r.path().endsWith("/keys/payments-token/create"))
        .extracting(KeyVaultStandIn.Request::status)
        .as("the existing version, then the rotation: throttled, then made")
        .startsWith(200, 429)
        .endsWith(200)
        .hasSizeGreaterThan(2);
    assertThat(otherClient.listVersions(key)).hasSize(2).allMatch(KeyVersionInfo::enabled);
    assertThat(stores.audit().recordsFor(LifecycleInput.workflowId(key)))
        .extracting(r -> r.event().type())
        .contains("KEY_ROTATED")
        .doesNotContain("AUTOMATIC_ROTATION_FAILED");
    assertThat(told).isNotEmpty();
    assertThat(told)
        .extracting(Notification::toString)
        .noneMatch(text -> text.contains("429") || text.toLowerCase().contains("throttl"))
        .noneMatch(text -> text.toLowerCase().contains("too many"));
  }

  private static CreateKeyCommand existing(KeyRef key, Instant expires) {
    return new CreateKeyCommand(
        key,
        new KeySpec(
            KeyType.EC,
            null,
            EcCurve.P_256,
            Set.of(KeyOperation.SIGN, KeyOperation.VERIFY),
            null,
            null),
        ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
        new KeyAttributes(
            Set.of(KeyOperation.SIGN, KeyOperation.VERIFY),
            null,
            expires,
            true,
            Map.of("Classification", "RESTRICTED")),
        "existing/" + key);
  }

  /** The stand-in's clock: the test environment's, which skips ahead while the test sleeps. */
  private Clock workflowClock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(env.currentTimeMillis());
      }
    };
  }

  private static IndexedValueType indexed(String type) {
    return switch (type) {
      case "KeywordList" -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST;
      case "Datetime" -> IndexedValueType.INDEXED_VALUE_TYPE_DATETIME;
      default -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
    };
  }
}
