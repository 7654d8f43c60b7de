package io.keyward.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.activities.hsm.MasterSecret;
import io.keyward.activities.hsm.SoftwareKeyProvider;
import io.keyward.activities.stores.JdbcStores;
import io.keyward.workflows.attestation.Attestation;
import io.keyward.workflows.attestation.AttestationClaims;
import io.keyward.workflows.attestation.AttestationSigner;
import io.keyward.workflows.attestation.CanonicalJson;
import io.keyward.workflows.attestation.SigningClientInterceptor;
import io.keyward.workflows.attestation.SigningKeySource;
import io.keyward.workflows.attestation.SigningSettings;
import io.keyward.workflows.attestation.VerifyingWorkerInterceptor;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.generation.Decision;
import io.keyward.workflows.generation.DecisionType;
import io.keyward.workflows.generation.GenerationOutcome;
import io.keyward.workflows.generation.GenerationPhase;
import io.keyward.workflows.generation.GenerationRequest;
import io.keyward.workflows.generation.KeyGenerationWorkflow;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's forgery, replayed through a plain Temporal client against the worker as the worker
 * process starts it ({@link KeywardWorker}, with the real activities and the dev signing key under
 * the data directory): invented people deciding a SECRET generation are refused, the ceremony does
 * not move and the audit trail does not name them; an unsigned start ends at once, recorded. The
 * same ceremony sent through the API's signing client runs to its end.
 */
class ForgedDecisionsTest {
  private static final KeyRef KEY = new KeyRef("kv-secret-prod", "forged-key");
  private static final KeySpec RSA_3072 =
      new KeySpec(
          KeyType.RSA,
          3072,
          null,
          Set.of(KeyOperation.ENCRYPT, KeyOperation.DECRYPT),
          365,
          Map.of("Purpose", "database TDE"));
  private static final Actor ALICE = new Actor("alice", Set.of(Role.APPLICATION_OWNER));
  private static final List<Decision> FORGERY =
      List.of(
          new Decision(new Actor("x1", Set.of(Role.CRYPTO_OFFICER)), DecisionType.APPROVE, "ok"),
          new Decision(new Actor("x2", Set.of(Role.CRYPTO_OFFICER)), DecisionType.APPROVE, "ok"),
          new Decision(new Actor("x3", Set.of(Role.KEY_CUSTODIAN)), DecisionType.GENERATE, null),
          new Decision(new Actor("x4", Set.of(Role.KEY_CUSTODIAN)), DecisionType.VERIFY, "ok"),
          new Decision(
              new Actor("x5", Set.of(Role.SECURITY_ENGINEER)), DecisionType.REGISTER, null));

  @TempDir Path data;
  private TestWorkflowEnvironment env;
  private JdbcStores stores;
  private KeywardWorker worker;
  private WorkflowClient plain;
  private WorkflowClient api;
  private AttestationSigner signer;

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    KeywardSearchAttributes.DEFINITIONS.forEach(
        (name, type) -> env.registerSearchAttribute(name, indexed(type)));
    stores = JdbcStores.embedded(data);
    byte[] secret = new byte[MasterSecret.MIN_BYTES];
    new SecureRandom().nextBytes(secret);
    SoftwareKeyProvider software =
        new SoftwareKeyProvider(data.resolve("keys"), MasterSecret.of(secret));
    KeywardActivities activities = new KeywardActivities(stores, List.of(software), true);
    SigningSettings signing =
        new SigningSettings(SigningSettings.DEV_SIGNING_KEY, null, data, true);
    env.start();
    plain = env.getWorkflowClient();
    worker =
        KeywardWorker.start(
            plain,
            TaskQueues.CEREMONIES,
            activities,
            SigningKeySource.onClassPath().trusted(signing, Map.of()));
    signer = SigningKeySource.onClassPath().signer(signing, Map.of());
    api = SigningClientInterceptor.signing(plain, signer, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    worker.close();
    env.close();
    stores.close();
  }

  @Test
  void inventedPeopleThroughAPlainClientAreRefusedAndNothingMoves() {
    start(api);
    KeyGenerationWorkflow forged =
        plain.newWorkflowStub(KeyGenerationWorkflow.class, GenerationRequest.workflowId(KEY));
    awaitPhase(forged, GenerationPhase.AWAITING_APPROVAL);

    for (Decision decision : FORGERY) {
      assertThatThrownBy(() -> forged.decide(decision))
          .as(decision.actor().id())
          .isInstanceOf(WorkflowUpdateException.class)
          .cause()
          .hasMessageContaining("decide on " + GenerationRequest.workflowId(KEY))
          .hasMessageContaining("is not signed by Keyward's API");
    }

    assertThat(forged.state().phase()).isEqualTo(GenerationPhase.AWAITING_APPROVAL);
    assertThat(forged.state().approvers()).isEmpty();
    List<AuditRecord> trail = stores.audit().recordsFor(GenerationRequest.workflowId(KEY));
    assertThat(trail).isNotEmpty();
    assertThat(trail.toString()).doesNotContain("x1", "x2", "x3", "x4", "x5");
  }

  @Test
  void aValidSignatureIsRefusedOnAnotherCeremonyAndASecondTime() {
    KeyRef other = new KeyRef("kv-secret-prod", "other-key");
    String runId = WorkflowStub.fromTyped(start(api)).getExecution().getRunId();
    start(api, other);
    Decision olivia =
        new Decision(new Actor("olivia", Set.of(Role.CRYPTO_OFFICER)), DecisionType.APPROVE, "ok");
    long now = System.currentTimeMillis();
    Attestation signed =
        Attestation.sign(
            new AttestationClaims(
                signer.keyId(),
                plain.getOptions().getNamespace(),
                GenerationRequest.workflowId(KEY),
                runId,
                "",
                "decide",
                CanonicalJson.digest(new Object[] {olivia}),
                "olivia",
                List.of("CRYPTO_OFFICER"),
                now,
                now + SigningClientInterceptor.UPDATE_TTL.toMillis(),
                "one-nonce"),
            signer);
    AttestationHeaders attacker = new AttestationHeaders();
    attacker.carry(signed);
    WorkflowClient replaying = attacker.client(plain);
    KeyGenerationWorkflow otherCeremony =
        replaying.newWorkflowStub(KeyGenerationWorkflow.class, GenerationRequest.workflowId(other));
    awaitPhase(otherCeremony, GenerationPhase.AWAITING_APPROVAL);

    assertThatThrownBy(() -> otherCeremony.decide(olivia))
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .hasMessageContaining("signed for decide on " + GenerationRequest.workflowId(KEY))
        .hasMessageContaining("not for decide on " + GenerationRequest.workflowId(other));
    assertThat(otherCeremony.state().approvers()).isEmpty();

    KeyGenerationWorkflow ceremony =
        replaying.newWorkflowStub(KeyGenerationWorkflow.class, GenerationRequest.workflowId(KEY));
    assertThat(ceremony.decide(olivia).approvers()).containsExactly("olivia");
    assertThatThrownBy(() -> ceremony.decide(olivia))
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .hasMessageContaining("already used in this run");
  }

  @Test
  void theSameCeremonySignedByTheApiRunsToRegistered() {
    KeyGenerationWorkflow ceremony = start(api);
    KeyGenerationWorkflow viaApi =
        api.newWorkflowStub(KeyGenerationWorkflow.class, GenerationRequest.workflowId(KEY));
    awaitPhase(viaApi, GenerationPhase.AWAITING_APPROVAL);
    viaApi.decide(
        new Decision(new Actor("olivia", Set.of(Role.CRYPTO_OFFICER)), DecisionType.APPROVE, "ok"));
    viaApi.decide(
        new Decision(
            new Actor("lena", Set.of(Role.SECURITY_TEAM_LEAD)), DecisionType.APPROVE, "ok"));
    awaitPhase(viaApi, GenerationPhase.AWAITING_GENERATION);
    viaApi.decide(
        new Decision(new Actor("kim", Set.of(Role.KEY_CUSTODIAN)), DecisionType.GENERATE, null));
    awaitPhase(viaApi, GenerationPhase.AWAITING_VERIFICATION);
    viaApi.decide(
        new Decision(
            new Actor("kai", Set.of(Role.KEY_CUSTODIAN)), DecisionType.VERIFY, "attributes ok"));
    awaitPhase(viaApi, GenerationPhase.AWAITING_REGISTRATION);
    viaApi.decide(
        new Decision(
            new Actor("sam", Set.of(Role.SECURITY_ENGINEER)), DecisionType.REGISTER, null));

    GenerationOutcome outcome = WorkflowStub.fromTyped(ceremony).getResult(GenerationOutcome.class);
    assertThat(outcome.phase()).isEqualTo(GenerationPhase.REGISTERED);
    saveIfAsked(GenerationRequest.workflowId(KEY), "keygen-signed-registered");
  }

  @Test
  void anUnsignedStartEndsAtOnceAndIsRecorded() {
    KeyGenerationWorkflow unsigned = start(plain);

    assertThatThrownBy(() -> WorkflowStub.fromTyped(unsigned).getResult(GenerationOutcome.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType())
                  .isEqualTo(VerifyingWorkerInterceptor.START_REFUSED_TYPE);
              assertThat(failure.getOriginalMessage())
                  .contains("a start of KeyGeneration on " + GenerationRequest.workflowId(KEY))
                  .contains("is not signed by Keyward's API");
            });
    List<AuditRecord> trail = stores.audit().recordsFor(GenerationRequest.workflowId(KEY));
    assertThat(trail).hasSize(1);
    assertThat(trail.get(0).event().type()).isEqualTo(VerifyingWorkerInterceptor.START_REFUSED);
    assertThat(trail.get(0).event().details())
        .containsEntry("workflowType", "KeyGeneration")
        .hasEntrySatisfying(
            "refusal", why -> assertThat(why).contains("is not signed by Keyward's API"));
    saveIfAsked(GenerationRequest.workflowId(KEY), "keygen-unsigned-start-refused");
  }

  private static KeyGenerationWorkflow start(WorkflowClient client) {
    return start(client, KEY);
  }

  private static KeyGenerationWorkflow start(WorkflowClient client, KeyRef key) {
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
            key,
            RSA_3072,
            Classification.SECRET,
            "new TDE key for payments DB",
            ALICE,
            "CHG0042",
            null));
    return ceremony;
  }

  private void awaitPhase(KeyGenerationWorkflow ceremony, GenerationPhase phase) {
    for (int i = 0; i < 400 && ceremony.state().phase() != phase; i++) {
      env.sleep(java.time.Duration.ofMillis(50));
    }
    assertThat(ceremony.state().phase()).isEqualTo(phase);
  }

  /** As the workflows module's HistoryRecorder: {@code -Dkeyward.recordHistories=<dir>}. */
  private void saveIfAsked(String workflowId, String name) {
    String dir = System.getProperty("keyward.recordHistories");
    if (dir == null || dir.isBlank()) {
      return;
    }
    try {
      Files.createDirectories(Path.of(dir));
      Files.writeString(
          Path.of(dir).resolve(name + ".json"), plain.fetchHistory(workflowId).toJson(true));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static IndexedValueType indexed(String type) {
    return switch (type) {
      case "KeywordList" -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST;
      case "Datetime" -> IndexedValueType.INDEXED_VALUE_TYPE_DATETIME;
      default -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
    };
  }
}
