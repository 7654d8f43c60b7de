package io.keyward.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.activities.hsm.MasterSecret;
import io.keyward.activities.hsm.SoftwareKeyProvider;
import io.keyward.activities.stores.JdbcStores;
import io.keyward.workflows.breakglass.AccessGrant;
import io.keyward.workflows.breakglass.AccessGrantStore;
import io.keyward.workflows.breakglass.Authorisation;
import io.keyward.workflows.breakglass.AuthorisationDecision;
import io.keyward.workflows.breakglass.BreakGlassDeclaration;
import io.keyward.workflows.breakglass.BreakGlassPhase;
import io.keyward.workflows.breakglass.BreakGlassScope;
import io.keyward.workflows.breakglass.BreakGlassState;
import io.keyward.workflows.breakglass.BreakGlassWorkflow;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.policy.Classification;
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
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A break-glass session on a worker registered the way the worker process registers it, with the
 * real activities: the software keystore, the audit trail and the grant store in the database the
 * API reads. The worker is stopped across the 15-minute mark and another one started.
 */
class BreakGlassOnTheWorkerTest {
  private static final KeyRef KEY = new KeyRef("kv-orders", "orders-tde");
  private static final IncidentId INCIDENT = new IncidentId("INC0030001");

  @TempDir Path data;
  private TestWorkflowEnvironment env;
  private JdbcStores stores;
  private KeywardActivities activities;
  private WorkerFactory workers;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    KeywardSearchAttributes.DEFINITIONS.forEach(
        (name, type) -> env.registerSearchAttribute(name, indexed(type)));
    stores = JdbcStores.embedded(data);
    byte[] secret = new byte[MasterSecret.MIN_BYTES];
    new SecureRandom().nextBytes(secret);
    SoftwareKeyProvider software =
        new SoftwareKeyProvider(data.resolve("keys"), MasterSecret.of(secret));
    Instant now = Instant.now();
    software.create(
        new CreateKeyCommand(
            KEY,
            new KeySpec(
                KeyType.AES,
                256,
                null,
                Set.of(KeyOperation.ENCRYPT, KeyOperation.DECRYPT),
                365,
                Map.of()),
            ProtectionLevel.STANDARD_KEY_VAULT,
            new KeyAttributes(
                Set.of(KeyOperation.ENCRYPT, KeyOperation.DECRYPT),
                now,
                now.plus(Duration.ofDays(365)),
                true,
                Map.of("Classification", "CONFIDENTIAL")),
            "seed"));
    RegisteredForTests.register(
        stores, KEY, Classification.CONFIDENTIAL, KeyUsage.APPLICATION, "alice");
    activities = new KeywardActivities(stores, List.of(software), true);
    env.start();
    workers = startWorker();
  }

  @AfterEach
  void stop() {
    workers.shutdownNow();
    env.close();
    stores.close();
  }

  @Test
  void revokesTheGrantInTheStoreTheApiReadsWhenTheWorkerReturnsAfterTheMark() {
    WorkflowClient client = env.getWorkflowClient();
    BreakGlassWorkflow session =
        client.newWorkflowStub(
            BreakGlassWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(BreakGlassDeclaration.workflowId(INCIDENT))
                .setTaskQueue(TaskQueues.CEREMONIES)
                .build());
    WorkflowClient.start(
        session::run,
        new BreakGlassDeclaration(
            INCIDENT,
            BreakGlassScope.ofKeys(List.of(KEY)),
            "orders database cannot decrypt",
            null,
            new Actor("bruno", Set.of(Role.BREAK_GLASS_ADMIN)),
            new Actor("sol", Set.of(Role.SECURITY_OPERATIONS))));
    awaitPhase(session, BreakGlassPhase.AWAITING_AUTHORISATION);
    session.authorise(approval("lena", Role.SECURITY_TEAM_LEAD));
    session.authorise(approval("alice", Role.APPLICATION_OWNER));
    AccessGrant grant = awaitPhase(session, BreakGlassPhase.ACTIVE).grant();
    // What an API replica sees: stores of its own on the same database.
    JdbcStores api = JdbcStores.embedded(data);
    AccessGrantStore apiView = api.accessGrants();
    assertThat(apiView.find(grant.grantId())).contains(grant);

    workers.shutdown();
    workers.awaitTermination(10, TimeUnit.SECONDS);
    env.sleep(
        Duration.between(Instant.ofEpochMilli(env.currentTimeMillis()), grant.expiresAt())
            .plusSeconds(1));
    assertThat(apiView.find(grant.grantId()))
        .as("nobody revoked it while no worker ran")
        .isPresent();
    assertThat(apiView.liveGrant(grant.grantId(), "bruno", grant.expiresAt()))
        .as("but it no longer counts: it expired")
        .isEmpty();

    workers = startWorker();
    BreakGlassState revoked = awaitPhase(session, BreakGlassPhase.AWAITING_REVIEW);

    assertThat(apiView.find(grant.grantId())).isEmpty();
    api.close();
    assertThat(revoked.revocation().verifiedAbsent()).isTrue();
    assertThat(stores.audit().recordsFor(BreakGlassDeclaration.workflowId(INCIDENT)))
        .extracting(r -> r.event().type())
        .contains("BREAK_GLASS_ACCESS_GRANTED", "BREAK_GLASS_ACCESS_REVOKED");
  }

  /**
   * Registered as the worker process does; no sticky queue, which the test server cannot expire.
   */
  private WorkerFactory startWorker() {
    WorkerFactory factory = WorkerFactory.newInstance(env.getWorkflowClient());
    Worker worker =
        factory.newWorker(
            TaskQueues.CEREMONIES,
            WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build());
    CeremonyRegistrations.register(worker, activities);
    factory.start();
    return factory;
  }

  private static Authorisation approval(String id, Role role) {
    return new Authorisation(new Actor(id, Set.of(role)), AuthorisationDecision.APPROVE, "ok");
  }

  private BreakGlassState awaitPhase(BreakGlassWorkflow session, BreakGlassPhase phase) {
    BreakGlassState state = session.state();
    for (int i = 0; i < 200 && state.phase() != phase; i++) {
      env.sleep(Duration.ofMillis(50));
      state = session.state();
    }
    assertThat(state.phase()).isEqualTo(phase);
    return state;
  }

  private static IndexedValueType indexed(String type) {
    return switch (type) {
      case "KeywordList" -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST;
      case "Datetime" -> IndexedValueType.INDEXED_VALUE_TYPE_DATETIME;
      default -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
    };
  }
}
