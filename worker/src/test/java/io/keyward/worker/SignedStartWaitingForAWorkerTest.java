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
import io.keyward.workflows.attestation.SigningKeySource;
import io.keyward.workflows.attestation.SigningSettings;
import io.keyward.workflows.attestation.VerifyingWorkerInterceptor;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.generation.GenerationOutcome;
import io.keyward.workflows.generation.GenerationPhase;
import io.keyward.workflows.generation.GenerationRequest;
import io.keyward.workflows.generation.KeyGenerationWorkflow;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed start is judged at the moment Temporal accepted it (the run's start, stamped by the
 * server), not when a worker first takes it: a person's request that waited in the task queue past
 * its signature's lifetime for a stopped or busy worker still runs, while a start that reached
 * Temporal only after its signature expired is refused. The starts carry attestations of a few
 * seconds made here, signed with the API's dev key, so the wait is real and short.
 */
class SignedStartWaitingForAWorkerTest {
  private static final KeyRef KEY = new KeyRef("kv-secret-prod", "waited-key");
  private static final KeySpec EC_P256 =
      new KeySpec(KeyType.EC, null, EcCurve.P_256, Set.of(KeyOperation.SIGN), 365, Map.of());
  private static final Actor ALICE = new Actor("alice", Set.of(Role.APPLICATION_OWNER));
  private static final GenerationRequest REQUEST =
      new GenerationRequest(
          KEY,
          EC_P256,
          Classification.SECRET,
          "signing key for release artefacts",
          ALICE,
          null,
          null);

  @TempDir Path data;
  private TestWorkflowEnvironment env;
  private JdbcStores stores;
  private KeywardActivities activities;
  private SigningSettings signing;
  private AttestationSigner signer;
  private KeywardWorker worker;

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
    activities =
        new KeywardActivities(
            stores,
            List.of(new SoftwareKeyProvider(data.resolve("keys"), MasterSecret.of(secret))),
            true);
    signing = new SigningSettings(SigningSettings.DEV_SIGNING_KEY, null, data, true);
    signer = SigningKeySource.onClassPath().signer(signing, Map.of());
    env.start();
  }

  @AfterEach
  void stop() {
    if (worker != null) {
      worker.close();
    }
    env.close();
    stores.close();
  }

  @Test
  void aSignedStartThatWaitedPastItsLifetimeForAWorkerStillRuns() throws InterruptedException {
    long now = System.currentTimeMillis();
    startSigned(now, now + 2_000);
    Thread.sleep(3_000);

    startTheWorker();

    KeyGenerationWorkflow watched =
        env.getWorkflowClient()
            .newWorkflowStub(KeyGenerationWorkflow.class, GenerationRequest.workflowId(KEY));
    for (int i = 0; i < 400 && watched.state().phase() != GenerationPhase.AWAITING_APPROVAL; i++) {
      Thread.sleep(25);
    }
    assertThat(watched.state().phase()).isEqualTo(GenerationPhase.AWAITING_APPROVAL);
    assertThat(stores.audit().recordsFor(GenerationRequest.workflowId(KEY)))
        .extracting(record -> record.event().type())
        .isNotEmpty()
        .doesNotContain(VerifyingWorkerInterceptor.START_REFUSED);
  }

  @Test
  void aStartThatReachedTemporalAfterItsSignatureExpiredIsRefused() {
    long now = System.currentTimeMillis();
    KeyGenerationWorkflow ceremony = startSigned(now - 5_000, now - 1_000);

    startTheWorker();

    assertThatThrownBy(() -> WorkflowStub.fromTyped(ceremony).getResult(GenerationOutcome.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType())
                  .isEqualTo(VerifyingWorkerInterceptor.START_REFUSED_TYPE);
              assertThat(failure.getOriginalMessage()).contains("the signature expired");
            });
  }

  /** Starts the ceremony with an attestation valid from {@code issuedAt} to {@code expiresAt}. */
  private KeyGenerationWorkflow startSigned(long issuedAt, long expiresAt) {
    WorkflowClient plain = env.getWorkflowClient();
    AttestationHeaders headers = new AttestationHeaders();
    WorkflowClient client = headers.client(plain);
    headers.carry(
        Attestation.sign(
            new AttestationClaims(
                signer.keyId(),
                plain.getOptions().getNamespace(),
                GenerationRequest.workflowId(KEY),
                "",
                "KeyGeneration",
                AttestationClaims.START,
                CanonicalJson.digest(new Object[] {REQUEST}),
                ALICE.id(),
                List.of(Role.APPLICATION_OWNER.name()),
                issuedAt,
                expiresAt,
                "nonce-" + issuedAt),
            signer));
    KeyGenerationWorkflow ceremony =
        client.newWorkflowStub(
            KeyGenerationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(GenerationRequest.workflowId(KEY))
                .setTaskQueue(TaskQueues.CEREMONIES)
                .build());
    WorkflowClient.start(ceremony::run, REQUEST);
    return ceremony;
  }

  private void startTheWorker() {
    worker =
        KeywardWorker.start(
            env.getWorkflowClient(),
            TaskQueues.CEREMONIES,
            activities,
            SigningKeySource.onClassPath().trusted(signing, Map.of()));
  }

  private static IndexedValueType indexed(String type) {
    return switch (type) {
      case "KeywordList" -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST;
      case "Datetime" -> IndexedValueType.INDEXED_VALUE_TYPE_DATETIME;
      default -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
    };
  }
}
