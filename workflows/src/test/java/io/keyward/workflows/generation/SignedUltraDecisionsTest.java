package io.keyward.workflows.generation;

import static io.keyward.workflows.testing.People.ALICE;
import static io.keyward.workflows.testing.People.CAROL;
import static io.keyward.workflows.testing.People.ERIN;
import static io.keyward.workflows.testing.People.KAI;
import static io.keyward.workflows.testing.People.KIM;
import static io.keyward.workflows.testing.People.OLIVIA;
import static io.keyward.workflows.testing.People.SAM;
import static io.keyward.workflows.testing.People.TOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.lifecycle.KeyLifecycleWorkflowImpl;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.testing.HistoryRecorder;
import io.keyward.workflows.testing.InMemoryCredentials;
import io.keyward.workflows.testing.InMemoryDependencies;
import io.keyward.workflows.testing.InMemoryKeyProvider;
import io.keyward.workflows.testing.InMemoryRegister;
import io.keyward.workflows.testing.RecordingAudit;
import io.keyward.workflows.testing.RecordingNotifications;
import io.keyward.workflows.testing.SoftwareAuthenticator;
import io.keyward.workflows.testing.StartingLifecycles;
import io.keyward.workflows.testing.WorkflowTestServer;
import io.keyward.workflows.webauthn.AcceptedCredential;
import io.keyward.workflows.webauthn.AssertionAudit;
import io.keyward.workflows.webauthn.AuditedAssertions;
import io.keyward.workflows.webauthn.CredentialState;
import io.keyward.workflows.webauthn.DecisionAssertion;
import io.keyward.workflows.webauthn.HeldCredentials;
import io.keyward.workflows.webauthn.PersonCredential;
import io.keyward.workflows.webauthn.SignedDecisions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ULTRA generation decisions signed by the decider's own authenticator: the workflow verifies each
 * assertion in its validator and refuses what is missing, meant for another ceremony or step, not
 * the decider's, not enrolled, revoked, or from a clone whose counter did not rise.
 */
class SignedUltraDecisionsTest {
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

  private final InMemoryCredentials credentials = new InMemoryCredentials();
  private final Map<String, SoftwareAuthenticator> keysOf = new HashMap<>();
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private RecordingAudit audit;

  @BeforeEach
  void startWorker() {
    env = server.env();
    audit = new RecordingAudit();
    InMemoryRegister register = new InMemoryRegister();
    server.startWorker(
        worker -> {
          worker.registerWorkflowImplementationTypes(
              KeyGenerationWorkflowImpl.class, KeyLifecycleWorkflowImpl.class);
          worker.registerActivitiesImplementations(
              register.activities(),
              new InMemoryKeyProvider(),
              audit,
              new RecordingNotifications(),
              new InMemoryDependencies(),
              new StartingLifecycles(),
              credentials);
        });
    client = env.getWorkflowClient();
    for (Actor person : new Actor[] {CAROL, TOM, ERIN, OLIVIA, KIM, KAI, SAM}) {
      SoftwareAuthenticator key = SoftwareAuthenticator.of(person.id());
      keysOf.put(person.id(), key);
      credentials.enrol(key);
    }
  }

  @Test
  void anUltraKeyIsRegisteredWithEveryDecisionSignedByItsDecider() {
    KeyRef key = new KeyRef("kv-ultra-prod", "root-ca");
    KeyGenerationWorkflow ceremony = request(key);
    awaitLoaded(ceremony, key);

    decide(ceremony, key, CAROL, DecisionType.APPROVE, GenerationPhase.AWAITING_APPROVAL, "ok");
    decide(ceremony, key, TOM, DecisionType.APPROVE, GenerationPhase.AWAITING_APPROVAL, null);
    decide(ceremony, key, ERIN, DecisionType.APPROVE, GenerationPhase.AWAITING_APPROVAL, null);
    awaitPhase(ceremony, GenerationPhase.AWAITING_GENERATION);
    decide(ceremony, key, KIM, DecisionType.GENERATE, GenerationPhase.AWAITING_GENERATION, null);
    awaitPhase(ceremony, GenerationPhase.AWAITING_VERIFICATION);
    decide(ceremony, key, KAI, DecisionType.VERIFY, GenerationPhase.AWAITING_VERIFICATION, null);
    awaitPhase(ceremony, GenerationPhase.AWAITING_REGISTRATION);
    decide(ceremony, key, SAM, DecisionType.REGISTER, GenerationPhase.AWAITING_REGISTRATION, null);

    GenerationOutcome outcome = WorkflowStub.fromTyped(ceremony).getResult(GenerationOutcome.class);
    assertThat(outcome.phase()).isEqualTo(GenerationPhase.REGISTERED);
    assertThat(audit.events())
        .filteredOn(e -> e.type().startsWith("DECISION_"))
        .hasSize(6)
        .allSatisfy(
            e ->
                assertThat(e.details())
                    .containsKeys(
                        AssertionAudit.CREDENTIAL_ID,
                        AssertionAudit.SIGNATURE,
                        AssertionAudit.RUN_ID,
                        AssertionAudit.STEP));
    assertThat(credentials.signCount(keysOf.get("carol").credentialId())).isEqualTo(1);
    assertThat(AuditedAssertions.verify(audit.events(), this::stored))
        .as("every signed decision verifies again offline from the audit details")
        .isEmpty();
    List<AuditEvent> tampered =
        audit.events().stream()
            .map(
                e ->
                    e.type().equals("DECISION_APPROVE") && "carol".equals(e.actor())
                        ? withReason(e, "changed afterwards")
                        : e)
            .toList();
    assertThat(AuditedAssertions.verify(tampered, this::stored))
        .singleElement()
        .satisfies(f -> assertThat(f.problem()).contains("signed another decision"));
    HistoryRecorder.saveIfAsked(
        client, GenerationRequest.workflowId(key), "keygen-ultra-registered-signed");
  }

  @Test
  void aDecisionWhileTheStepLoadsItsKeysIsAnsweredStillLoadingAndCountsOnceTheyAre() {
    credentials.holdReads();
    KeyRef key = new KeyRef("kv-ultra-prod", "loading");
    KeyGenerationWorkflow ceremony = request(key);
    awaitPhase(ceremony, GenerationPhase.AWAITING_APPROVAL);
    Decision approval =
        new Decision(
            CAROL,
            DecisionType.APPROVE,
            "ok",
            sign(key, CAROL, "APPROVE@" + GenerationPhase.AWAITING_APPROVAL.name(), "ok"));

    assertThatThrownBy(() -> ceremony.decide(approval))
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            answer -> {
              assertThat(answer.getType()).isEqualTo(SignedDecisions.STILL_LOADING_TYPE);
              assertThat(answer.getOriginalMessage()).isEqualTo(SignedDecisions.STILL_LOADING);
            });
    credentials.releaseReads();
    awaitLoaded(ceremony, key);
    ceremony.decide(approval);
    assertThat(ceremony.state().approvers()).containsExactly("carol");
  }

  @Test
  void refusesAnUltraDecisionWithoutAnAssertionAndSaysWhereToDecide() {
    KeyRef key = new KeyRef("kv-ultra-prod", "unsigned");
    KeyGenerationWorkflow ceremony = request(key);
    awaitLoaded(ceremony, key);

    assertRefused(
        ceremony, new Decision(CAROL, DecisionType.APPROVE, null), HeldCredentials.WHERE_TO_DECIDE);
    assertThat(ceremony.state().approvers()).isEmpty();
  }

  @Test
  void refusesAnAssertionMadeForAnotherCeremony() {
    KeyRef key = new KeyRef("kv-ultra-prod", "target");
    KeyRef other = new KeyRef("kv-ultra-prod", "other");
    KeyGenerationWorkflow ceremony = request(key);
    request(other);
    awaitLoaded(ceremony, key);

    DecisionAssertion forOther =
        keysOf
            .get("carol")
            .sign(
                GenerationRequest.workflowId(other),
                runIdOf(other),
                "APPROVE@AWAITING_APPROVAL",
                null);

    assertRefused(
        ceremony,
        new Decision(CAROL, DecisionType.APPROVE, null, forOther),
        "the security key signed another decision");
  }

  @Test
  void refusesAnAssertionForAnotherStepOrReason() {
    KeyRef key = new KeyRef("kv-ultra-prod", "step");
    KeyGenerationWorkflow ceremony = request(key);
    awaitLoaded(ceremony, key);
    DecisionAssertion denial = sign(key, CAROL, "DENY@AWAITING_APPROVAL", "no");
    DecisionAssertion reasoned = sign(key, CAROL, "APPROVE@AWAITING_APPROVAL", "signed reason");

    assertRefused(
        ceremony,
        new Decision(CAROL, DecisionType.APPROVE, null, denial),
        "the security key signed another decision");
    assertRefused(
        ceremony,
        new Decision(CAROL, DecisionType.APPROVE, "another reason", reasoned),
        "the security key signed another decision");
  }

  @Test
  void refusesSomeoneElsesKeyAndAnUnenrolledOne() {
    KeyRef key = new KeyRef("kv-ultra-prod", "whose");
    KeyGenerationWorkflow ceremony = request(key);
    awaitLoaded(ceremony, key);
    DecisionAssertion toms = sign(key, TOM, "APPROVE@AWAITING_APPROVAL", null);
    SoftwareAuthenticator stranger = SoftwareAuthenticator.of("carol");

    assertRefused(
        ceremony, new Decision(CAROL, DecisionType.APPROVE, null, toms), "is not carol's own");
    assertRefused(
        ceremony,
        new Decision(
            CAROL,
            DecisionType.APPROVE,
            null,
            stranger.sign(
                GenerationRequest.workflowId(key),
                runIdOf(key),
                "APPROVE@AWAITING_APPROVAL",
                null)),
        "is not an enrolled, approved and unrevoked credential");
  }

  @Test
  void refusesAClonedKeyWhoseCounterDidNotRiseInAnotherCeremony() {
    KeyRef first = new KeyRef("kv-ultra-prod", "original");
    KeyRef second = new KeyRef("kv-ultra-prod", "clone");
    KeyGenerationWorkflow original = request(first);
    KeyGenerationWorkflow cloned = request(second);
    awaitLoaded(original, first);
    awaitLoaded(cloned, second);
    SoftwareAuthenticator clone = keysOf.get("carol").cloned();
    decide(original, first, CAROL, DecisionType.APPROVE, GenerationPhase.AWAITING_APPROVAL, null);

    DecisionAssertion fromClone =
        clone.sign(
            GenerationRequest.workflowId(second),
            runIdOf(second),
            "APPROVE@AWAITING_APPROVAL",
            null);

    assertRefused(
        cloned,
        new Decision(CAROL, DecisionType.APPROVE, null, fromClone),
        "signature counter did not increase");
    assertThat(cloned.state().approvers()).isEmpty();
  }

  @Test
  void refusesARevokedKeyFromTheMomentTheStoreHoldsTheRevocation() {
    KeyRef key = new KeyRef("kv-ultra-prod", "revoked");
    KeyGenerationWorkflow ceremony = request(key);
    awaitLoaded(ceremony, key);
    DecisionAssertion signed = sign(key, CAROL, "APPROVE@AWAITING_APPROVAL", null);

    credentials.revoke(keysOf.get("carol").credentialId());

    assertRefused(
        ceremony,
        new Decision(CAROL, DecisionType.APPROVE, null, signed),
        "is not an enrolled, approved and unrevoked credential");
    assertThat(ceremony.state().approvers()).isEmpty();
  }

  private Optional<PersonCredential> stored(String credentialId) {
    return keysOf.values().stream()
        .filter(k -> k.credentialId().equals(credentialId))
        .findFirst()
        .map(
            k -> {
              AcceptedCredential c = k.credential();
              return new PersonCredential(
                  c.personId(),
                  c.credentialId(),
                  c.publicKey(),
                  0,
                  CredentialState.REVOKED,
                  c.rpId(),
                  c.origin(),
                  Instant.EPOCH,
                  null,
                  null,
                  null,
                  null);
            });
  }

  private static AuditEvent withReason(AuditEvent event, String reason) {
    Map<String, String> details = new HashMap<>(event.details());
    details.put("reason", reason);
    return new AuditEvent(
        event.eventId(), event.subject(), event.type(), event.actor(), event.at(), details);
  }

  private KeyGenerationWorkflow request(KeyRef key) {
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
            key, EC_P521, Classification.ULTRA, "root CA", ALICE, "CHG0001", null));
    return ceremony;
  }

  private void decide(
      KeyGenerationWorkflow ceremony,
      KeyRef key,
      Actor who,
      DecisionType type,
      GenerationPhase phase,
      String reason) {
    ceremony.decide(
        new Decision(who, type, reason, sign(key, who, type.name() + "@" + phase.name(), reason)));
  }

  private DecisionAssertion sign(KeyRef key, Actor who, String step, String reason) {
    return keysOf.get(who.id()).sign(GenerationRequest.workflowId(key), runIdOf(key), step, reason);
  }

  private String runIdOf(KeyRef key) {
    return client
        .newUntypedWorkflowStub(GenerationRequest.workflowId(key))
        .describe()
        .getExecution()
        .getRunId();
  }

  /** Waits until the approval step is open, which it opens after loading the credentials. */
  private void awaitLoaded(KeyGenerationWorkflow ceremony, KeyRef key) {
    for (int i = 0; i < 200 && ceremony.state().stepDeadline() == null; i++) {
      env.sleep(Duration.ofMillis(50));
    }
    assertThat(ceremony.state().stepDeadline()).as(key + " opened its approval step").isNotNull();
  }

  private void awaitPhase(KeyGenerationWorkflow ceremony, GenerationPhase phase) {
    for (int i = 0; i < 200 && ceremony.state().phase() != phase; i++) {
      env.sleep(Duration.ofMillis(50));
    }
    assertThat(ceremony.state().phase()).isEqualTo(phase);
  }

  private static void assertRefused(KeyGenerationWorkflow ceremony, Decision decision, String why) {
    assertThatThrownBy(() -> ceremony.decide(decision))
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .hasMessageContaining(why);
  }
}
