package io.keyward.workflows.generation;

import static io.keyward.workflows.testing.People.ALICE;
import static io.keyward.workflows.testing.People.CAROL;
import static io.keyward.workflows.testing.People.DANA;
import static io.keyward.workflows.testing.People.KAI;
import static io.keyward.workflows.testing.People.KIM;
import static io.keyward.workflows.testing.People.LENA;
import static io.keyward.workflows.testing.People.OLIVIA;
import static io.keyward.workflows.testing.People.OSCAR;
import static io.keyward.workflows.testing.People.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.common.WaitingStep;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.lifecycle.KeyLifecycleWorkflowImpl;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.ProtectionLevel;
import io.keyward.workflows.register.KeyState;
import io.keyward.workflows.register.RegisteredKey;
import io.keyward.workflows.testing.HistoryRecorder;
import io.keyward.workflows.testing.InMemoryCredentials;
import io.keyward.workflows.testing.InMemoryDependencies;
import io.keyward.workflows.testing.InMemoryKeyProvider;
import io.keyward.workflows.testing.InMemoryRegister;
import io.keyward.workflows.testing.RecordingAudit;
import io.keyward.workflows.testing.RecordingNotifications;
import io.keyward.workflows.testing.StartingLifecycles;
import io.keyward.workflows.testing.WorkflowTestServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runbook 3.3, dual-control key generation, with time skipping and in-memory activities. */
class KeyGenerationWorkflowTest {
  private final InMemoryRegister register = new InMemoryRegister();

  private static final KeyRef KEY = new KeyRef("kv-secret-prod", "db-tde-key");
  private static final KeySpec RSA_3072 =
      new KeySpec(
          KeyType.RSA,
          3072,
          null,
          Set.of(KeyOperation.ENCRYPT, KeyOperation.DECRYPT),
          365,
          Map.of("Purpose", "database TDE"));
  private static final KeySpec EC_P521 =
      new KeySpec(
          KeyType.EC,
          null,
          EcCurve.P_521,
          Set.of(KeyOperation.SIGN, KeyOperation.VERIFY),
          3650,
          Map.of());

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
          // A registered key starts its lifecycle (a child workflow), which must find a worker.
          worker.registerWorkflowImplementationTypes(
              KeyGenerationWorkflowImpl.class, KeyLifecycleWorkflowImpl.class);
          worker.registerActivitiesImplementations(
              register.activities(),
              keys,
              audit,
              notifications,
              new InMemoryDependencies(),
              new StartingLifecycles(),
              new InMemoryCredentials());
        });
    client = env.getWorkflowClient();
  }

  @Test
  void secretKeyReachesRegisteredAfterTwoOfThreeApprovalsAndBothCustodians() {
    KeyGenerationWorkflow ceremony = request(Classification.SECRET, RSA_3072, ALICE);

    ceremony.decide(approve(OLIVIA));
    assertThat(ceremony.state().phase()).isEqualTo(GenerationPhase.AWAITING_APPROVAL);
    ceremony.decide(approve(LENA));
    awaitPhase(ceremony, GenerationPhase.AWAITING_GENERATION);
    ceremony.decide(new Decision(KIM, DecisionType.GENERATE, null));
    awaitPhase(ceremony, GenerationPhase.AWAITING_VERIFICATION);
    assertThat(ceremony.state().keyVersion().enabled()).isFalse();
    ceremony.decide(new Decision(KAI, DecisionType.VERIFY, "attributes match the approved spec"));
    awaitPhase(ceremony, GenerationPhase.AWAITING_REGISTRATION);
    ceremony.decide(new Decision(SAM, DecisionType.REGISTER, null));

    GenerationOutcome outcome = outcomeOf(ceremony);
    assertThat(outcome.phase()).isEqualTo(GenerationPhase.REGISTERED);
    assertThat(outcome.keyVersion().enabled()).isTrue();
    assertThat(outcome.keyVersion().tags())
        .containsEntry("Classification", "SECRET")
        .containsEntry("RequestedBy", "alice")
        .containsEntry("Purpose", "database TDE");
    GenerationState state = ceremony.state();
    assertThat(state.approvers()).containsExactly("olivia", "lena");
    assertThat(state.custodian1()).isEqualTo("kim");
    assertThat(state.custodian2()).isEqualTo("kai");
    assertThat(state.securityValidator()).isEqualTo("sam");
    assertThat(keys.listVersions(KEY)).hasSize(1);
    RegisteredKey entry = register.find(KEY).orElseThrow();
    assertThat(entry.classification()).isEqualTo(Classification.SECRET);
    assertThat(entry.state()).isEqualTo(KeyState.ACTIVE);
    assertThat(entry.owner().person()).isEqualTo("alice");
    assertThat(entry.version()).isEqualTo(outcome.keyVersion().version());
    assertThat(entry.changedBy()).containsValue(GenerationRequest.workflowId(KEY));
    assertThat(register.history(KEY)).allSatisfy(c -> assertThat(c.actor()).isEqualTo("sam"));
    HistoryRecorder.saveIfAsked(
        client, GenerationRequest.workflowId(KEY), "keygen-secret-registered");
    assertThat(audit.types())
        .containsSubsequence(
            "GENERATION_REQUESTED",
            "DECISION_APPROVE",
            "DECISION_APPROVE",
            "DECISION_GENERATE",
            "KEY_GENERATED",
            "DECISION_VERIFY",
            "KEY_ACTIVATED",
            "DECISION_REGISTER",
            "KEY_REGISTERED",
            "GENERATION_REGISTERED");
  }

  @Test
  void rejectsSelfApproval() {
    KeyGenerationWorkflow ceremony = request(Classification.SECRET, RSA_3072, OLIVIA);

    assertRefused(ceremony, approve(OLIVIA), "olivia requested this key and cannot decide on it");
  }

  @Test
  void rejectsASecondVoteBySamePerson() {
    KeyGenerationWorkflow ceremony = request(Classification.SECRET, RSA_3072, ALICE);
    ceremony.decide(approve(OLIVIA));

    assertRefused(ceremony, approve(OLIVIA), "olivia has already approved this request");
    assertThat(ceremony.state().approvers()).containsExactly("olivia");
  }

  @Test
  void rejectsAnApproverWhoseRoleIsNotEligible() {
    KeyGenerationWorkflow ceremony = request(Classification.SECRET, RSA_3072, ALICE);

    assertRefused(
        ceremony, approve(KIM), "kim holds none of the roles eligible to approve a SECRET key");
    assertRefused(
        request(Classification.ULTRA, EC_P521, ALICE, new KeyRef("kv-ultra-prod", "root-ca")),
        approve(LENA),
        "lena holds none of the roles eligible to approve a ULTRA key");
  }

  @Test
  void rejectsACustodianWhoAlsoApproved() {
    KeyGenerationWorkflow ceremony = request(Classification.SECRET, RSA_3072, ALICE);
    ceremony.decide(approve(DANA));
    ceremony.decide(approve(LENA));
    awaitPhase(ceremony, GenerationPhase.AWAITING_GENERATION);

    assertRefused(
        ceremony,
        new Decision(DANA, DecisionType.GENERATE, null),
        "dana approved this request and cannot also act as key custodian");
  }

  @Test
  void rejectsCustodianTwoBeingCustodianOne() {
    KeyGenerationWorkflow ceremony = approvedSecretCeremony();
    ceremony.decide(new Decision(KIM, DecisionType.GENERATE, null));
    awaitPhase(ceremony, GenerationPhase.AWAITING_VERIFICATION);

    assertRefused(
        ceremony,
        new Decision(KIM, DecisionType.VERIFY, null),
        "kim generated the key as custodian 1; custodian 2 must be a different person");
  }

  @Test
  void rejectsADecisionOnAStepThatIsNotOpen() {
    KeyGenerationWorkflow ceremony = request(Classification.SECRET, RSA_3072, ALICE);

    assertRefused(
        ceremony,
        new Decision(KIM, DecisionType.GENERATE, null),
        "GENERATE is not the open step: the request is AWAITING_APPROVAL");
    ceremony.decide(approve(OLIVIA));
    ceremony.decide(approve(LENA));
    awaitPhase(ceremony, GenerationPhase.AWAITING_GENERATION);
    assertRefused(ceremony, approve(CAROL), "APPROVE is not the open step");
  }

  @Test
  void rejectsSecurityValidationBySomeoneWhoTookPart() {
    KeyGenerationWorkflow ceremony = request(Classification.SECRET, RSA_3072, ALICE);
    ceremony.decide(approve(OLIVIA));
    ceremony.decide(approve(LENA));
    awaitPhase(ceremony, GenerationPhase.AWAITING_GENERATION);
    ceremony.decide(new Decision(KIM, DecisionType.GENERATE, null));
    awaitPhase(ceremony, GenerationPhase.AWAITING_VERIFICATION);
    ceremony.decide(new Decision(KAI, DecisionType.VERIFY, null));
    awaitPhase(ceremony, GenerationPhase.AWAITING_REGISTRATION);

    assertRefused(
        ceremony,
        new Decision(LENA, DecisionType.REGISTER, null),
        "lena already took part in this ceremony");
  }

  @Test
  void aDenialEndsTheRequest() {
    KeyGenerationWorkflow ceremony = request(Classification.SECRET, RSA_3072, ALICE);
    ceremony.decide(approve(OLIVIA));
    ceremony.decide(new Decision(LENA, DecisionType.DENY, "no business case"));

    GenerationOutcome outcome = outcomeOf(ceremony);
    assertThat(outcome.phase()).isEqualTo(GenerationPhase.DENIED);
    HistoryRecorder.saveIfAsked(client, GenerationRequest.workflowId(KEY), "keygen-secret-denied");
    assertThat(outcome.reason()).isEqualTo("denied by lena");
    assertThat(keys.createCalls()).isZero();
    assertThatThrownBy(() -> ceremony.decide(approve(OSCAR)))
        .as("a closed ceremony takes no more decisions")
        .isInstanceOf(WorkflowNotFoundException.class);
  }

  @Test
  void denyNeedsAReason() {
    KeyGenerationWorkflow ceremony = request(Classification.SECRET, RSA_3072, ALICE);

    assertRefused(ceremony, new Decision(LENA, DecisionType.DENY, " "), "DENY needs a reason");
  }

  @Test
  void expiresWhenQuorumIsNotReachedWithinSeventyTwoHours() {
    KeyGenerationWorkflow ceremony = request(Classification.SECRET, RSA_3072, ALICE);
    ceremony.decide(approve(OLIVIA));

    env.sleep(Duration.ofHours(71));
    assertThat(ceremony.state().phase()).isEqualTo(GenerationPhase.AWAITING_APPROVAL);
    env.sleep(Duration.ofHours(2));

    GenerationOutcome outcome = outcomeOf(ceremony);
    assertThat(outcome.phase()).isEqualTo(GenerationPhase.EXPIRED);
    assertThat(keys.createCalls()).isZero();
    assertThat(audit.types()).endsWith("GENERATION_EXPIRED");
  }

  @Test
  void expiryAfterGenerationLeavesTheVersionDisabled() {
    KeyGenerationWorkflow ceremony = approvedSecretCeremony();
    ceremony.decide(new Decision(KIM, DecisionType.GENERATE, null));
    awaitPhase(ceremony, GenerationPhase.AWAITING_VERIFICATION);

    env.sleep(Duration.ofHours(73));

    GenerationOutcome outcome = outcomeOf(ceremony);
    assertThat(outcome.phase()).isEqualTo(GenerationPhase.EXPIRED);
    assertThat(outcome.reason()).contains("stays disabled");
    assertThat(keys.listVersions(KEY)).singleElement().matches(v -> !v.enabled());
  }

  @Test
  void aRetriedCreateAfterALostAnswerMakesNoSecondVersion() {
    keys.loseNextCreateAnswers(2);
    KeyGenerationWorkflow ceremony = approvedSecretCeremony();
    ceremony.decide(new Decision(KIM, DecisionType.GENERATE, null));

    awaitPhase(ceremony, GenerationPhase.AWAITING_VERIFICATION);

    assertThat(keys.createCalls()).isEqualTo(3);
    assertThat(keys.listVersions(KEY)).hasSize(1);
    assertThat(ceremony.state().keyVersion().version()).isEqualTo("v1");
  }

  @Test
  void custodianTwoRejectingTheAttributesLeavesTheKeyDisabled() {
    KeyGenerationWorkflow ceremony = approvedSecretCeremony();
    ceremony.decide(new Decision(KIM, DecisionType.GENERATE, null));
    awaitPhase(ceremony, GenerationPhase.AWAITING_VERIFICATION);
    ceremony.decide(new Decision(KAI, DecisionType.REJECT, "key ops differ from the ticket"));

    GenerationOutcome outcome = outcomeOf(ceremony);
    assertThat(outcome.phase()).isEqualTo(GenerationPhase.REJECTED);
    assertThat(keys.calls()).doesNotContain("enable");
  }

  @Test
  void publishesThePhaseAndTheAwaitedRolesAsSearchAttributes() {
    KeyGenerationWorkflow ceremony = request(Classification.SECRET, RSA_3072, ALICE);
    ceremony.decide(approve(OLIVIA));

    var described = client.newUntypedWorkflowStub(GenerationRequest.workflowId(KEY)).describe();
    var attributes = described.getTypedSearchAttributes();
    GenerationState state = ceremony.state();
    WaitingStep step =
        described.getMemo(WaitingStep.MEMO_KEY, WaitingStep.class, WaitingStep.class);
    assertThat(step.requester()).isEqualTo("alice");
    assertThat(step.participants()).as("the approval is published").containsExactly("olivia");
    assertThat(step.due()).isEqualTo(state.stepDeadline());
    assertThat(step.opened()).isEqualTo(state.stepDeadline().minus(state.request().stepTimeout()));
    assertThat(attributes.get(KeywardSearchAttributes.STEP_DUE).toInstant())
        .isEqualTo(state.stepDeadline());
    assertThat(attributes.get(KeywardSearchAttributes.PHASE)).isEqualTo("AWAITING_APPROVAL");
    assertThat(attributes.get(KeywardSearchAttributes.AWAITING_ROLES))
        .containsExactly("CISO", "CRYPTO_OFFICER", "SECURITY_TEAM_LEAD");
    assertThat(attributes.get(KeywardSearchAttributes.KEY_NAME))
        .isEqualTo("kv-secret-prod/db-tde-key");
  }

  @Test
  void refusesASpecThatBreaksPolicyBeforeAnyStep() {
    KeySpec weak = new KeySpec(KeyType.RSA, 2048, null, Set.of(KeyOperation.SIGN), 365, Map.of());
    KeyGenerationWorkflow ceremony = request(Classification.ULTRA, weak, ALICE);

    assertThatThrownBy(() -> outcomeOf(ceremony))
        .hasStackTraceContaining("ULTRA RSA keys must be 4096 bits");
    assertThat(keys.createCalls()).isZero();
  }

  @Test
  void refusesToAddAVersionToAKeyTheProviderAlreadyHolds() {
    keyMadeByHand();
    KeyGenerationWorkflow ceremony = approvedSecretCeremony();

    ceremony.decide(new Decision(KIM, DecisionType.GENERATE, null));

    GenerationOutcome outcome = outcomeOf(ceremony);
    assertThat(outcome.phase()).isEqualTo(GenerationPhase.FAILED);
    assertThat(outcome.reason())
        .startsWith(
            KEY + " already exists in in-memory with 1 version(s) this ceremony did not make");
    assertThat(keys.createCalls()).as("only the key made by hand").isEqualTo(1);
    assertThat(keys.listVersions(KEY)).hasSize(1);
    assertThat(audit.types())
        .containsSubsequence("GENERATION_REQUESTED", "DECISION_GENERATE", "GENERATION_FAILED");
    HistoryRecorder.saveIfAsked(
        client, GenerationRequest.workflowId(KEY), "keygen-existing-key-refused-at-generation");
  }

  @Test
  void aKeyMadeByHandWhileTheCeremonyWaitedIsNotGivenANewVersion() {
    KeyGenerationWorkflow ceremony = approvedSecretCeremony();
    keyMadeByHand();

    ceremony.decide(new Decision(KIM, DecisionType.GENERATE, null));

    GenerationOutcome outcome = outcomeOf(ceremony);
    assertThat(outcome.phase()).isEqualTo(GenerationPhase.FAILED);
    assertThat(outcome.reason()).contains("already exists");
    assertThat(keys.listVersions(KEY)).hasSize(1);
    assertThat(keys.createCalls()).isEqualTo(1);
  }

  private void keyMadeByHand() {
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    keys.create(
        new CreateKeyCommand(
            KEY,
            RSA_3072,
            ProtectionLevel.MANAGED_HSM,
            new KeyAttributes(
                RSA_3072.operations(), now, now.plus(Duration.ofDays(365)), true, Map.of()),
            "made-by-hand"));
  }

  private KeyGenerationWorkflow approvedSecretCeremony() {
    KeyGenerationWorkflow ceremony = request(Classification.SECRET, RSA_3072, ALICE);
    ceremony.decide(approve(OLIVIA));
    ceremony.decide(approve(LENA));
    awaitPhase(ceremony, GenerationPhase.AWAITING_GENERATION);
    return ceremony;
  }

  private KeyGenerationWorkflow request(Classification c, KeySpec spec, Actor requester) {
    return request(c, spec, requester, KEY);
  }

  private KeyGenerationWorkflow request(
      Classification c, KeySpec spec, Actor requester, KeyRef key) {
    KeyGenerationWorkflow ceremony =
        client.newWorkflowStub(
            KeyGenerationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(GenerationRequest.workflowId(key))
                .setTaskQueue(TaskQueues.CEREMONIES)
                .build());
    WorkflowClient.start(
        ceremony::run,
        new GenerationRequest(
            key, spec, c, "new TDE key for payments DB", requester, "CHG0042", null));
    return ceremony;
  }

  private static Decision approve(Actor approver) {
    return new Decision(approver, DecisionType.APPROVE, "looks right");
  }

  private static void assertRefused(KeyGenerationWorkflow ceremony, Decision decision, String why) {
    assertThatThrownBy(() -> ceremony.decide(decision))
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .hasMessageContaining(why);
  }

  private void awaitPhase(KeyGenerationWorkflow ceremony, GenerationPhase phase) {
    for (int i = 0; i < 200 && ceremony.state().phase() != phase; i++) {
      env.sleep(Duration.ofMillis(50));
    }
    assertThat(ceremony.state().phase()).isEqualTo(phase);
  }

  private static GenerationOutcome outcomeOf(KeyGenerationWorkflow ceremony) {
    return WorkflowStub.fromTyped(ceremony).getResult(GenerationOutcome.class);
  }
}
