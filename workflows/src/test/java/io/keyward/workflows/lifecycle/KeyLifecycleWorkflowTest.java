package io.keyward.workflows.lifecycle;

import static io.keyward.workflows.testing.People.KIM;
import static io.keyward.workflows.testing.People.LENA;
import static io.keyward.workflows.testing.People.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.notify.NoticeAction;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.ProtectionLevel;
import io.keyward.workflows.policy.RotationMode;
import io.keyward.workflows.register.KeyState;
import io.keyward.workflows.testing.HistoryRecorder;
import io.keyward.workflows.testing.InMemoryDependencies;
import io.keyward.workflows.testing.InMemoryKeyProvider;
import io.keyward.workflows.testing.InMemoryRegister;
import io.keyward.workflows.testing.RecordingAudit;
import io.keyward.workflows.testing.RecordingNotifications;
import io.keyward.workflows.testing.WorkflowTestServer;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runbook 6.1 and 6.2, policy-driven rotation: a key's life over years with time skipping, its
 * lifetime actions (rotate 30 days, notify 7 days before expiry) and the SECRET approval gate.
 */
class KeyLifecycleWorkflowTest {
  private final InMemoryRegister register = new InMemoryRegister();

  private static final KeyRef APP_KEY = new KeyRef("kv-apps", "orders-signing");
  private static final KeyRef TDE_KEY = new KeyRef("kv-secret-prod", "payments-tde");
  private static final KeyRef ROOT_KEY = new KeyRef("kv-ultra-prod", "root-ca");

  @RegisterExtension
  static final WorkflowTestServer server = WorkflowTestServer.withKeywardSearchAttributes();

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private InMemoryKeyProvider keys;
  private RecordingAudit audit;
  private RecordingNotifications notifications;

  @BeforeEach
  void startWorker() {
    env = server.env();
    keys = new InMemoryKeyProvider();
    audit = new RecordingAudit();
    notifications = new RecordingNotifications();
    server.startWorker(
        worker -> {
          worker.registerWorkflowImplementationTypes(KeyLifecycleWorkflowImpl.class);
          worker.registerActivitiesImplementations(
              register.activities(), keys, audit, notifications, new InMemoryDependencies());
        });
    client = env.getWorkflowClient();
  }

  @Test
  void runsThreeYearsOfAnApplicationKeyInSeconds() {
    existingKey(APP_KEY, Duration.ofDays(365), "CONFIDENTIAL");
    WorkflowExecution first = enrol(APP_KEY, KeyUsage.APPLICATION, Classification.CONFIDENTIAL);
    LifecycleState waiting =
        awaitState(APP_KEY, s -> s.phase() == LifecyclePhase.WAITING_TO_ROTATE);
    assertThat(waiting.mode()).isEqualTo(RotationMode.AUTOMATIC);
    assertThat(waiting.nextAction()).isEqualTo(LifecycleAction.ROTATE);
    assertThat(waiting.nextActionAt())
        .isEqualTo(keys.describe(APP_KEY, "v1").expires().minus(Duration.ofDays(30)));

    env.sleep(Duration.ofDays(3 * 365));

    LifecycleState state =
        awaitState(APP_KEY, s -> s.cycle() == 3 && s.phase() == LifecyclePhase.WAITING_TO_ROTATE);
    List<KeyVersionInfo> versions = keys.listVersions(APP_KEY);
    assertThat(versions)
        .extracting(KeyVersionInfo::version)
        .containsExactly("v1", "v2", "v3", "v4");
    assertThat(versions)
        .extracting(KeyVersionInfo::enabled)
        .containsExactly(false, false, false, true);
    for (int i = 1; i < versions.size(); i++) {
      Instant rotateAt = versions.get(i - 1).expires().minus(Duration.ofDays(30));
      Instant yearAfter = rotateAt.atOffset(java.time.ZoneOffset.UTC).plusYears(1).toInstant();
      assertThat(versions.get(i).expires())
          .as("rotated 30 days before the previous version expired, valid for a year")
          .isBetween(yearAfter, yearAfter.plus(Duration.ofMinutes(1)));
    }
    List<RecordingNotifications.Sent> expiryNotices =
        notifications.awaitTitled("Key version expires in 7 days", 3);
    assertThat(expiryNotices).hasSize(3);
    for (int i = 0; i < 3; i++) {
      Instant notifyAt = versions.get(i).expires().minus(Duration.ofDays(7));
      assertThat(expiryNotices.get(i).at())
          .isBetween(notifyAt, notifyAt.plus(Duration.ofMinutes(1)));
      assertThat(expiryNotices.get(i).notification().text())
          .contains("version v" + (i + 1), "version v" + (i + 2) + " replaces it");
    }
    assertThat(state.rotations())
        .extracting(RotationRecord::fromVersion, RotationRecord::toVersion)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("v1", "v2"),
            org.assertj.core.groups.Tuple.tuple("v2", "v3"),
            org.assertj.core.groups.Tuple.tuple("v3", "v4"));
    assertThat(state.currentVersion()).isEqualTo("v4");
    assertThat(state.enrolledAt())
        .as("carried across cycles")
        .isNotNull()
        .isEqualTo(waiting.enrolledAt());
    assertThat(audit.types()).filteredOn("KEY_ROTATED"::equals).hasSize(3);
    assertThat(audit.types()).filteredOn("OLD_VERSION_RETIRED"::equals).hasSize(3);
    assertThat(audit.types()).filteredOn("KEY_ENROLLED"::equals).hasSize(1);

    String currentRun =
        client
            .newUntypedWorkflowStub(LifecycleInput.workflowId(APP_KEY))
            .describe()
            .getExecution()
            .getRunId();
    assertThat(currentRun).as("continued as new").isNotEqualTo(first.getRunId());
    assertThat(client.fetchHistory(LifecycleInput.workflowId(APP_KEY)).getEvents())
        .as("each cycle starts a fresh, small history")
        .hasSizeLessThan(40);
    assertThat(
            client
                .fetchHistory(LifecycleInput.workflowId(APP_KEY), first.getRunId())
                .getLastEvent()
                .hasWorkflowExecutionContinuedAsNewEventAttributes())
        .isTrue();
    HistoryRecorder.saveRunIfAsked(
        client, LifecycleInput.workflowId(APP_KEY), first.getRunId(), "lifecycle-automatic-cycle");
  }

  @Test
  void aSecretKeyWaitsAtTheApprovalGateAndNeverRotatesAlone() {
    existingKey(TDE_KEY, Duration.ofDays(60), "SECRET");
    WorkflowExecution first = enrol(TDE_KEY, KeyUsage.DATABASE_TDE, Classification.SECRET);

    env.sleep(Duration.ofDays(31));
    LifecycleState gate =
        awaitState(TDE_KEY, s -> s.phase() == LifecyclePhase.AWAITING_ROTATION_APPROVAL);
    assertThat(gate.mode()).isEqualTo(RotationMode.APPROVAL_GATE);
    assertThat(gate.awaitingRoles())
        .containsExactlyInAnyOrder(Role.SECURITY_ENGINEER, Role.SECURITY_TEAM_LEAD);
    assertThat(notifications.awaitTitled("Key rotation needs approval", 1))
        .singleElement()
        .satisfies(
            n -> assertThat(n.notification().action()).isEqualTo(NoticeAction.APPROVE_OR_DENY));
    assertThat(gateAttributes().get(KeywardSearchAttributes.PHASE))
        .isEqualTo("AWAITING_ROTATION_APPROVAL");

    env.sleep(Duration.ofDays(23));
    assertThat(keys.listVersions(TDE_KEY)).as("no rotation without approval").hasSize(1);
    assertThat(notifications.awaitTitled("Key version expires in 7 days", 1))
        .singleElement()
        .satisfies(n -> assertThat(n.notification().text()).contains("still waits for approval"));
    assertThatThrownBy(() -> decide(TDE_KEY, new GateDecision(KIM, GateDecisionType.APPROVE, null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .hasMessageContaining(
            "kim holds none of the roles that may approve rotating a Database TDE key");

    LifecycleState approved =
        decide(TDE_KEY, new GateDecision(LENA, GateDecisionType.APPROVE, "CHG0120"));
    assertThat(approved.approvals()).containsExactly("security team: lena");
    LifecycleState rotated =
        awaitState(TDE_KEY, s -> s.phase() == LifecyclePhase.WAITING_TO_RETIRE);
    assertThat(rotated.newVersion()).isEqualTo("v2");
    assertThat(keys.listVersions(TDE_KEY))
        .extracting(KeyVersionInfo::enabled)
        .containsExactly(true, true);
    assertThat(notifications.titled("Key version expires in 7 days")).as("sent once").hasSize(1);

    env.sleep(Duration.ofDays(7));
    LifecycleState next = awaitState(TDE_KEY, s -> s.cycle() == 1);
    assertThat(keys.describe(TDE_KEY, "v1").enabled()).isFalse();
    assertThat(next.rotations())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.toVersion()).isEqualTo("v2");
              assertThat(r.approvedBy()).containsExactly("lena");
            });
    assertThat(next.nextActionAt())
        .isEqualTo(keys.describe(TDE_KEY, "v2").expires().minus(Duration.ofDays(30)));
    HistoryRecorder.saveRunIfAsked(
        client, LifecycleInput.workflowId(TDE_KEY), first.getRunId(), "lifecycle-approval-gate");
  }

  @Test
  void aDeniedGateTurnsTheCycleIntoAManualRotationReminder() {
    existingKey(TDE_KEY, Duration.ofDays(40), "SECRET");
    enrol(TDE_KEY, KeyUsage.DATABASE_TDE, Classification.SECRET);
    env.sleep(Duration.ofDays(11));
    awaitState(TDE_KEY, s -> s.phase() == LifecyclePhase.AWAITING_ROTATION_APPROVAL);

    assertThatThrownBy(() -> decide(TDE_KEY, new GateDecision(SAM, GateDecisionType.DENY, " ")))
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .hasMessageContaining("DENY needs a reason");
    decide(TDE_KEY, new GateDecision(SAM, GateDecisionType.DENY, "migrate to HSM first"));

    awaitState(TDE_KEY, s -> s.phase() == LifecyclePhase.MANUAL_ROTATION_DUE);
    assertThat(notifications.awaitTitled("Automatic rotation denied", 1)).hasSize(1);
    assertThat(keys.listVersions(TDE_KEY)).hasSize(1);
    assertThat(audit.types()).contains("ROTATION_GATE_DENY", "AUTOMATIC_ROTATION_DENIED");
  }

  @Test
  void anUltraRootKeyIsNeverRotatedAutomaticallyButPeopleAreReminded() {
    existingKey(ROOT_KEY, Duration.ofDays(45), "ULTRA");
    enrol(ROOT_KEY, KeyUsage.ROOT_CA, Classification.ULTRA);

    env.sleep(Duration.ofDays(50));

    assertThat(keys.listVersions(ROOT_KEY)).hasSize(1);
    assertThat(notifications.awaitTitled("Manual key rotation due", 1))
        .singleElement()
        .satisfies(
            n -> assertThat(n.notification().text()).contains("runbook 6.3", "Executive + Board"));
    assertThat(notifications.titled("Key version expires in 7 days")).hasSize(1);
    assertThat(notifications.awaitTitled("Key version expired without rotation", 1))
        .singleElement()
        .satisfies(
            n -> assertThat(n.notification().severity()).isEqualTo(Notification.Severity.CRITICAL));
    assertThat(
            awaitState(ROOT_KEY, s -> s.phase() == LifecyclePhase.EXPIRED_WITHOUT_ROTATION).mode())
        .isEqualTo(RotationMode.MANUAL);
  }

  @Test
  void aManualRotationMeanwhileStartsTheNextCycleFromTheNewVersion() {
    existingKey(ROOT_KEY, Duration.ofDays(100), "ULTRA");
    enrol(ROOT_KEY, KeyUsage.ROOT_CA, Classification.ULTRA);
    awaitState(ROOT_KEY, s -> s.phase() == LifecyclePhase.WAITING_TO_ROTATE);
    existingKey(ROOT_KEY, Duration.ofDays(3650), "ULTRA");

    env.sleep(Duration.ofDays(71));

    LifecycleState next = awaitState(ROOT_KEY, s -> s.cycle() == 1);
    assertThat(next.currentVersion()).isEqualTo("v2");
    assertThat(notifications.titled("Manual key rotation due")).isEmpty();
  }

  @Test
  void aRegisteredSecretKeyEnrolledAsRestrictedKeepsItsRegisteredFacts() {
    existingKey(TDE_KEY, Duration.ofDays(60), "SECRET");
    register.register(TDE_KEY, Classification.SECRET, KeyUsage.DATABASE_TDE, "alice");
    enrolAs(TDE_KEY, KeyUsage.API_KEY, Classification.RESTRICTED);
    KeyLifecycleWorkflow lifecycle =
        client.newWorkflowStub(KeyLifecycleWorkflow.class, LifecycleInput.workflowId(TDE_KEY));

    env.sleep(Duration.ofMinutes(1));
    LifecycleState state = lifecycle.state();
    assertThat(state.classification()).isEqualTo(Classification.SECRET);
    assertThat(state.usage()).isEqualTo(KeyUsage.DATABASE_TDE);
    assertThat(state.mode()).isEqualTo(RotationMode.APPROVAL_GATE);
  }

  @Test
  void aKeyTheRegisterDoesNotHoldCountsAsUltraAndIsNeverRotatedAutomatically() {
    existingKey(APP_KEY, Duration.ofDays(365), "PUBLIC");
    enrolAs(APP_KEY, KeyUsage.APPLICATION, Classification.PUBLIC);
    KeyLifecycleWorkflow lifecycle =
        client.newWorkflowStub(KeyLifecycleWorkflow.class, LifecycleInput.workflowId(APP_KEY));

    env.sleep(Duration.ofMinutes(1));
    assertThat(lifecycle.state().classification()).isEqualTo(Classification.ULTRA);
    assertThat(lifecycle.state().mode()).isEqualTo(RotationMode.MANUAL);
  }

  @Test
  void endsWhenTheKeyHasNoEnabledVersion() {
    register.register(APP_KEY, Classification.CONFIDENTIAL, KeyUsage.APPLICATION, "alice");
    LifecycleState ended =
        client
            .newWorkflowStub(KeyLifecycleWorkflow.class, options(APP_KEY))
            .run(
                LifecycleInput.enrol(
                    APP_KEY, KeyUsage.APPLICATION, Classification.CONFIDENTIAL, "olivia"));

    assertThat(ended.phase()).isEqualTo(LifecyclePhase.KEY_NOT_FOUND);
    assertThat(audit.types()).containsExactly("KEY_ENROLLED", "LIFECYCLE_ENDED");
    assertThat(register.find(APP_KEY).orElseThrow().state())
        .as("no provider holds a version of it")
        .isEqualTo(KeyState.RETIRED);
  }

  private io.temporal.common.SearchAttributes gateAttributes() {
    return client
        .newUntypedWorkflowStub(LifecycleInput.workflowId(TDE_KEY))
        .describe()
        .getTypedSearchAttributes();
  }

  private LifecycleState decide(KeyRef key, GateDecision decision) {
    return client
        .newWorkflowStub(KeyLifecycleWorkflow.class, LifecycleInput.workflowId(key))
        .decide(decision);
  }

  /** Registers the key with these facts, as its generation would have, and enrols it. */
  private WorkflowExecution enrol(KeyRef key, KeyUsage usage, Classification classification) {
    register.register(key, classification, usage, "alice");
    return enrolAs(key, usage, classification);
  }

  private WorkflowExecution enrolAs(KeyRef key, KeyUsage usage, Classification classification) {
    KeyLifecycleWorkflow lifecycle =
        client.newWorkflowStub(KeyLifecycleWorkflow.class, options(key));
    return WorkflowClient.start(
        lifecycle::run, LifecycleInput.enrol(key, usage, classification, "olivia"));
  }

  private static WorkflowOptions options(KeyRef key) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(LifecycleInput.workflowId(key))
        .setTaskQueue(TaskQueues.CEREMONIES)
        .build();
  }

  private void existingKey(KeyRef key, Duration validFor, String classification) {
    Instant created = now();
    keys.create(
        new CreateKeyCommand(
            key,
            new KeySpec(
                KeyType.EC,
                null,
                io.keyward.workflows.policy.EcCurve.P_384,
                Set.of(KeyOperation.SIGN, KeyOperation.VERIFY),
                null,
                null),
            ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
            new KeyAttributes(
                Set.of(KeyOperation.SIGN, KeyOperation.VERIFY),
                created,
                created.plus(validFor),
                true,
                Map.of("Classification", classification)),
            "existing-" + key + "-" + created));
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  private LifecycleState awaitState(KeyRef key, Predicate<LifecycleState> condition) {
    KeyLifecycleWorkflow lifecycle =
        client.newWorkflowStub(KeyLifecycleWorkflow.class, LifecycleInput.workflowId(key));
    LifecycleState state = lifecycle.state();
    for (int i = 0; i < 200 && !condition.test(state); i++) {
      env.sleep(Duration.ofMillis(50));
      state = lifecycle.state();
    }
    assertThat(state).matches(condition, "expected condition; state is " + state);
    return state;
  }
}
