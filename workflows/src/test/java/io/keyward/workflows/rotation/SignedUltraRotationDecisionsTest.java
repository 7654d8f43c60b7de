package io.keyward.workflows.rotation;

import static io.keyward.workflows.testing.People.ALICE;
import static io.keyward.workflows.testing.People.CAROL;
import static io.keyward.workflows.testing.People.KIM;
import static io.keyward.workflows.testing.People.LENA;
import static io.keyward.workflows.testing.People.OLIVIA;
import static io.keyward.workflows.testing.People.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.ProtectionLevel;
import io.keyward.workflows.testing.HistoryRecorder;
import io.keyward.workflows.testing.InMemoryDependencies;
import io.keyward.workflows.testing.InMemoryRegister;
import io.keyward.workflows.testing.PeopleKeys;
import io.keyward.workflows.testing.RecordingAudit;
import io.keyward.workflows.testing.RecordingNotifications;
import io.keyward.workflows.testing.ScriptedKeys;
import io.keyward.workflows.testing.SoftwareAuthenticator;
import io.keyward.workflows.testing.WorkflowTestServer;
import io.keyward.workflows.webauthn.AssertionAudit;
import io.keyward.workflows.webauthn.AuditedAssertions;
import io.keyward.workflows.webauthn.DecisionAssertion;
import io.keyward.workflows.webauthn.HeldCredentials;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Manual rotations of ULTRA keys decided with the decider's own security key: every decision of
 * every step people take is verified in the workflow's validator, and one that is missing, made for
 * another rotation, step or reason, from a key not enrolled or revoked, from someone else's key or
 * from a clone whose counter did not rise is refused. Rotations of other keys decide as before.
 */
class SignedUltraRotationDecisionsTest {
  private static final KeyRef ULTRA_KEY = new KeyRef("kv-ultra-prod", "settlement-signing");
  private static final KeyRef OTHER_ULTRA_KEY = new KeyRef("kv-ultra-prod", "clearing-signing");
  private static final KeyRef SECRET_KEY = new KeyRef("kv-secret-prod", "payments-tde");
  private static final Actor SOL = new Actor("sol", Set.of(Role.SECURITY_OPERATIONS));
  private static final String REVIEWED = "requirements reviewed, checks green";

  @RegisterExtension
  static final WorkflowTestServer server = WorkflowTestServer.withKeywardSearchAttributes();

  private final InMemoryRegister register = new InMemoryRegister();
  private final PeopleKeys people = new PeopleKeys().enrol(SAM, LENA, OLIVIA, CAROL, KIM, SOL);
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private ScriptedKeys keys;
  private RecordingAudit audit;

  @BeforeEach
  void startWorker() {
    env = server.env();
    keys = new ScriptedKeys();
    audit = new RecordingAudit();
    InMemoryDependencies dependencies = new InMemoryDependencies();
    server.startWorker(
        worker -> {
          worker.registerWorkflowImplementationTypes(ManualRotationWorkflowImpl.class);
          worker.registerActivitiesImplementations(
              register.activities(),
              keys,
              audit,
              new RecordingNotifications(),
              dependencies,
              people.credentials());
        });
    client = env.getWorkflowClient();
    for (KeyRef key : List.of(ULTRA_KEY, OTHER_ULTRA_KEY, SECRET_KEY)) {
      existingKey(key);
      dependencies.put(
          key, List.of(new KeyDependent("settlement-service", "alice", "#payments-oncall")));
    }
    register
        .register(ULTRA_KEY, Classification.ULTRA, KeyUsage.APPLICATION, ALICE.id())
        .register(OTHER_ULTRA_KEY, Classification.ULTRA, KeyUsage.APPLICATION, ALICE.id())
        .register(SECRET_KEY, Classification.SECRET, KeyUsage.DATABASE_TDE, ALICE.id());
  }

  @Test
  void anUltraRotationCompletesWithEveryDecisionSignedAndVerifiableFromTheTrail() {
    ManualRotationWorkflow rotation = plan(ULTRA_KEY);
    awaitPhase(rotation, RotationPhase.AWAITING_SECURITY_REVIEW);
    rotation.decide(signed(ULTRA_KEY, SAM, RotationDecisionType.APPROVE_REVIEW, REVIEWED));
    awaitPhase(rotation, RotationPhase.WAITING_FOR_ROTATION_DATE);
    env.sleep(Duration.ofDays(1));
    awaitPhase(rotation, RotationPhase.AWAITING_APPROVAL);
    rotation.decide(signed(ULTRA_KEY, OLIVIA, RotationDecisionType.APPROVE, null));
    rotation.decide(signed(ULTRA_KEY, CAROL, RotationDecisionType.APPROVE, "CHG0099 approved"));
    awaitPhase(rotation, RotationPhase.AWAITING_EXECUTION);
    rotation.decide(signed(ULTRA_KEY, KIM, RotationDecisionType.EXECUTE, null));
    awaitPhase(rotation, RotationPhase.MONITORING);
    env.sleep(Duration.ofDays(7));
    awaitPhase(rotation, RotationPhase.AWAITING_MONITORING_REVIEW);
    rotation.decide(
        signed(ULTRA_KEY, SOL, RotationDecisionType.CONFIRM_MONITORING, "no alerts in a week"));

    RotationOutcome outcome = WorkflowStub.fromTyped(rotation).getResult(RotationOutcome.class);
    assertThat(outcome.phase()).isEqualTo(RotationPhase.COMPLETED);
    List<AuditEvent> decisions =
        audit.events().stream().filter(e -> e.type().startsWith("ROTATION_DECISION_")).toList();
    assertThat(decisions)
        .extracting(AuditEvent::actor)
        .containsExactly("sam", "olivia", "carol", "kim", "sol");
    assertThat(decisions)
        .allSatisfy(
            e ->
                assertThat(e.details())
                    .containsKeys(
                        AssertionAudit.CREDENTIAL_ID,
                        AssertionAudit.SIGNATURE,
                        AssertionAudit.RUN_ID,
                        AssertionAudit.STEP));
    assertThat(decisions.get(2).details())
        .containsEntry(AssertionAudit.STEP, "APPROVE@AWAITING_APPROVAL");
    assertThat(AuditedAssertions.verify(audit.events(), people::stored))
        .as("verify-audit's check: every decision verifies again from the trail")
        .isEmpty();
    assertThat(people.credentials().signCount(people.of(CAROL).credentialId())).isEqualTo(1);
    assertThat(versionMarkers(ULTRA_KEY)).contains(RotationSignatures.CHANGE_ID);
    assertThat(activitiesScheduled(ULTRA_KEY)).contains("AcceptedCredentials", "RecordSignCount");
    HistoryRecorder.saveIfAsked(
        client, RotationRequest.workflowId(ULTRA_KEY), "rotation-ultra-signed");
  }

  @Test
  void refusesAnUltraDecisionWithoutAnAssertionAndNamesTheRotationsPage() {
    ManualRotationWorkflow rotation = plan(ULTRA_KEY);
    awaitPhase(rotation, RotationPhase.AWAITING_SECURITY_REVIEW);

    assertRefused(
        rotation,
        new RotationDecision(SAM, RotationDecisionType.APPROVE_REVIEW, REVIEWED),
        "a decision on the rotation of an ULTRA key must be signed by the decider's own security"
            + " key: "
            + HeldCredentials.WHERE_TO_DECIDE
            + ", /ui/rotations/kv-ultra-prod/settlement-signing");
    assertThat(rotation.state().securityReviewer()).isNull();
  }

  @Test
  void refusesAnAssertionMadeForAnotherRotationStepOrReason() {
    ManualRotationWorkflow rotation = plan(ULTRA_KEY);
    ManualRotationWorkflow other = plan(OTHER_ULTRA_KEY);
    awaitPhase(rotation, RotationPhase.AWAITING_SECURITY_REVIEW);
    awaitPhase(other, RotationPhase.AWAITING_SECURITY_REVIEW);

    DecisionAssertion forOther = sign(OTHER_ULTRA_KEY, SAM, "APPROVE_REVIEW", REVIEWED);
    DecisionAssertion forRejection = sign(ULTRA_KEY, SAM, "REJECT_REVIEW", REVIEWED);
    DecisionAssertion forApprovalAtT =
        people.sign(
            client,
            SAM,
            RotationRequest.workflowId(ULTRA_KEY),
            "APPROVE_REVIEW",
            RotationPhase.AWAITING_APPROVAL.name(),
            REVIEWED);
    DecisionAssertion otherReason = sign(ULTRA_KEY, SAM, "APPROVE_REVIEW", "another reason");

    for (DecisionAssertion wrong : List.of(forOther, forRejection, forApprovalAtT, otherReason)) {
      assertRefused(
          rotation,
          new RotationDecision(SAM, RotationDecisionType.APPROVE_REVIEW, REVIEWED, wrong),
          "the security key signed another decision");
    }
    assertThat(rotation.state().securityReviewer()).isNull();
  }

  @Test
  void refusesAnUnenrolledKeyARevokedKeyAndSomeoneElsesKey() {
    ManualRotationWorkflow rotation = plan(ULTRA_KEY);
    awaitPhase(rotation, RotationPhase.AWAITING_SECURITY_REVIEW);
    String workflowId = RotationRequest.workflowId(ULTRA_KEY);
    SoftwareAuthenticator stranger = SoftwareAuthenticator.of("sam");

    assertRefused(
        rotation,
        new RotationDecision(
            SAM,
            RotationDecisionType.APPROVE_REVIEW,
            REVIEWED,
            stranger.sign(
                workflowId,
                PeopleKeys.runIdOf(client, workflowId),
                "APPROVE_REVIEW@AWAITING_SECURITY_REVIEW",
                REVIEWED)),
        "is not an enrolled, approved and unrevoked credential");
    assertRefused(
        rotation,
        new RotationDecision(
            SAM,
            RotationDecisionType.APPROVE_REVIEW,
            REVIEWED,
            sign(ULTRA_KEY, LENA, "APPROVE_REVIEW", REVIEWED)),
        "is not sam's own");

    DecisionAssertion beforeRevocation = sign(ULTRA_KEY, SAM, "APPROVE_REVIEW", REVIEWED);
    people.credentials().revoke(people.of(SAM).credentialId());
    assertRefused(
        rotation,
        new RotationDecision(SAM, RotationDecisionType.APPROVE_REVIEW, REVIEWED, beforeRevocation),
        "is not an enrolled, approved and unrevoked credential");
    assertThat(rotation.state().securityReviewer()).isNull();
  }

  @Test
  void refusesAClonedKeyWhoseCounterDidNotRise() {
    ManualRotationWorkflow first = plan(ULTRA_KEY);
    ManualRotationWorkflow second = plan(OTHER_ULTRA_KEY);
    awaitPhase(first, RotationPhase.AWAITING_SECURITY_REVIEW);
    awaitPhase(second, RotationPhase.AWAITING_SECURITY_REVIEW);
    SoftwareAuthenticator clone = people.of(SAM).cloned();
    first.decide(signed(ULTRA_KEY, SAM, RotationDecisionType.APPROVE_REVIEW, REVIEWED));

    String workflowId = RotationRequest.workflowId(OTHER_ULTRA_KEY);
    DecisionAssertion fromClone =
        clone.sign(
            workflowId,
            PeopleKeys.runIdOf(client, workflowId),
            "APPROVE_REVIEW@AWAITING_SECURITY_REVIEW",
            REVIEWED);

    assertRefused(
        second,
        new RotationDecision(SAM, RotationDecisionType.APPROVE_REVIEW, REVIEWED, fromClone),
        "signature counter did not increase");
    assertThat(second.state().securityReviewer()).isNull();
  }

  @Test
  void aRotationOfAKeyBelowUltraDecidesUnsignedAndRecordsNoMarker() {
    ManualRotationWorkflow rotation = plan(SECRET_KEY);
    awaitPhase(rotation, RotationPhase.AWAITING_SECURITY_REVIEW);
    rotation.decide(new RotationDecision(SAM, RotationDecisionType.APPROVE_REVIEW, null));
    awaitPhase(rotation, RotationPhase.WAITING_FOR_ROTATION_DATE);
    env.sleep(Duration.ofDays(1));
    awaitPhase(rotation, RotationPhase.AWAITING_APPROVAL);
    rotation.decide(new RotationDecision(LENA, RotationDecisionType.APPROVE, null));
    awaitPhase(rotation, RotationPhase.AWAITING_EXECUTION);

    assertThat(versionMarkers(SECRET_KEY)).doesNotContain(RotationSignatures.CHANGE_ID);
    assertThat(activitiesScheduled(SECRET_KEY))
        .contains("RegisterFind")
        .doesNotContain("AcceptedCredentials", "RecordSignCount");
    assertThat(audit.events())
        .filteredOn(e -> e.type().startsWith("ROTATION_DECISION_"))
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.details()).doesNotContainKey(AssertionAudit.SIGNATURE));
  }

  /** The change ids of the version markers the rotation of {@code key} recorded. */
  private String versionMarkers(KeyRef key) {
    return client.fetchHistory(RotationRequest.workflowId(key)).getEvents().stream()
        .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
        .flatMap(e -> e.getMarkerRecordedEventAttributes().getDetailsMap().values().stream())
        .flatMap(payloads -> payloads.getPayloadsList().stream())
        .map(payload -> payload.getData().toStringUtf8())
        .collect(Collectors.joining(" "));
  }

  private List<String> activitiesScheduled(KeyRef key) {
    return client.fetchHistory(RotationRequest.workflowId(key)).getEvents().stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
        .toList();
  }

  private RotationDecision signed(KeyRef key, Actor who, RotationDecisionType type, String reason) {
    return new RotationDecision(who, type, reason, sign(key, who, type.name(), reason));
  }

  /** {@code who}'s key signing {@code decision} at the phase the rotation of {@code key} is in. */
  private DecisionAssertion sign(KeyRef key, Actor who, String decision, String reason) {
    String workflowId = RotationRequest.workflowId(key);
    RotationPhase phase =
        client.newWorkflowStub(ManualRotationWorkflow.class, workflowId).state().phase();
    return people.sign(client, who, workflowId, decision, phase.name(), reason);
  }

  private ManualRotationWorkflow plan(KeyRef key) {
    ManualRotationWorkflow rotation =
        client.newWorkflowStub(
            ManualRotationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(RotationRequest.workflowId(key))
                .setTaskQueue(TaskQueues.CEREMONIES)
                .build());
    WorkflowClient.start(
        rotation::run,
        new RotationRequest(
            key,
            now().plus(Duration.ofDays(1)),
            "yearly rotation of the settlement signing key",
            ALICE,
            null,
            null));
    return rotation;
  }

  private void existingKey(KeyRef key) {
    Instant created = now();
    keys.create(
        new CreateKeyCommand(
            key,
            new KeySpec(
                KeyType.RSA, 3072, null, Set.of(KeyOperation.SIGN, KeyOperation.VERIFY), 365, null),
            ProtectionLevel.MANAGED_HSM,
            new KeyAttributes(
                Set.of(KeyOperation.SIGN, KeyOperation.VERIFY),
                created,
                created.plus(Duration.ofDays(365)),
                true,
                Map.of("Classification", "ULTRA")),
            "existing-" + key));
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  private void awaitPhase(ManualRotationWorkflow rotation, RotationPhase phase) {
    for (int i = 0; i < 200 && rotation.state().phase() != phase; i++) {
      env.sleep(Duration.ofMillis(50));
    }
    assertThat(rotation.state().phase()).isEqualTo(phase);
  }

  private static void assertRefused(
      ManualRotationWorkflow rotation, RotationDecision decision, String why) {
    assertThatThrownBy(() -> rotation.decide(decision))
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .hasMessageContaining(why);
  }
}
