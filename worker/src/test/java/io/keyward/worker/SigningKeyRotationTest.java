package io.keyward.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.activities.hsm.MasterSecret;
import io.keyward.activities.hsm.SoftwareKeyProvider;
import io.keyward.activities.stores.JdbcStores;
import io.keyward.workflows.attestation.AttestationSigner;
import io.keyward.workflows.attestation.SigningClientInterceptor;
import io.keyward.workflows.attestation.SigningKeySource;
import io.keyward.workflows.attestation.SigningSettings;
import io.keyward.workflows.attestation.TrustedKey;
import io.keyward.workflows.attestation.TrustedKeys;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.generation.Decision;
import io.keyward.workflows.generation.DecisionType;
import io.keyward.workflows.generation.GenerationPhase;
import io.keyward.workflows.generation.GenerationRequest;
import io.keyward.workflows.generation.KeyGenerationWorkflow;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotating the API's signing key: while workers still trust the old key (its {@code notAfter} not
 * passed), a decision it signed counts; once the overlap ended and the workers restarted with it, a
 * decision signed by the old key is refused and the new key's count. (Each phase has a ceremony of
 * its own: the in-process test server keeps a run's tasks on the stopped worker's sticky queue.)
 */
class SigningKeyRotationTest {
  private static final KeyRef DURING = new KeyRef("kv-secret-prod", "during-overlap");
  private static final KeyRef AFTER = new KeyRef("kv-secret-prod", "after-overlap");

  @TempDir Path data;
  private TestWorkflowEnvironment env;
  private JdbcStores stores;
  private KeywardActivities activities;
  private KeywardWorker worker;
  private final KeyPair old = ecKeyPair();
  private AttestationSigner current;
  private TrustedKey currentTrusted;

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
    SigningSettings signing =
        new SigningSettings(SigningSettings.DEV_SIGNING_KEY, null, data, true);
    current = SigningKeySource.onClassPath().signer(signing, Map.of());
    currentTrusted =
        SigningKeySource.onClassPath()
            .trusted(signing, Map.of())
            .forId(current.keyId())
            .orElseThrow();
    env.start();
  }

  @AfterEach
  void stop() {
    worker.close();
    env.close();
    stores.close();
  }

  @Test
  void theOldKeyCountsDuringTheOverlapAndNotAfter() {
    workerTrustingOldUntil(Instant.now().plus(Duration.ofHours(1)));
    WorkflowClient byOld = signingClient(new JdkSigner("software:keyward/decisions@old", old));
    WorkflowClient byNew = signingClient(current);
    start(byNew, DURING);
    KeyGenerationWorkflow duringOverlap = stub(byOld, DURING);
    awaitPhase(duringOverlap, GenerationPhase.AWAITING_APPROVAL);
    assertThat(duringOverlap.decide(decision("olivia", Role.CRYPTO_OFFICER)).approvers())
        .containsExactly("olivia");

    // The overlap is over: the workers restart trusting the old key until a moment ago.
    worker.close();
    workerTrustingOldUntil(Instant.now().minus(Duration.ofSeconds(1)));
    start(byNew, AFTER);
    KeyGenerationWorkflow afterOverlap = stub(byOld, AFTER);
    awaitPhase(afterOverlap, GenerationPhase.AWAITING_APPROVAL);
    assertThatThrownBy(() -> afterOverlap.decide(decision("olivia", Role.CRYPTO_OFFICER)))
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .hasMessageContaining("signed by key software:keyward/decisions@old")
        .hasMessageContaining("trusted only until");
    assertThat(stub(byNew, AFTER).decide(decision("olivia", Role.CRYPTO_OFFICER)).approvers())
        .containsExactly("olivia");
  }

  private void workerTrustingOldUntil(Instant notAfter) {
    worker =
        KeywardWorker.start(
            env.getWorkflowClient(),
            TaskQueues.CEREMONIES,
            activities,
            new TrustedKeys(
                List.of(
                    currentTrusted,
                    new TrustedKey("software:keyward/decisions@old", old.getPublic(), notAfter))));
  }

  private WorkflowClient signingClient(AttestationSigner signer) {
    return SigningClientInterceptor.signing(env.getWorkflowClient(), signer, Clock.systemUTC());
  }

  private static KeyGenerationWorkflow stub(WorkflowClient client, KeyRef key) {
    return client.newWorkflowStub(KeyGenerationWorkflow.class, GenerationRequest.workflowId(key));
  }

  private static Decision decision(String id, Role role) {
    return new Decision(new Actor(id, Set.of(role)), DecisionType.APPROVE, "ok");
  }

  private static void start(WorkflowClient client, KeyRef key) {
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
            new KeySpec(
                KeyType.RSA,
                3072,
                null,
                Set.of(KeyOperation.ENCRYPT, KeyOperation.DECRYPT),
                365,
                Map.of()),
            Classification.SECRET,
            "new TDE key",
            new Actor("alice", Set.of(Role.APPLICATION_OWNER)),
            "CHG0042",
            null));
  }

  private void awaitPhase(KeyGenerationWorkflow ceremony, GenerationPhase phase) {
    for (int i = 0; i < 400 && ceremony.state().phase() != phase; i++) {
      env.sleep(Duration.ofMillis(50));
    }
    assertThat(ceremony.state().phase()).isEqualTo(phase);
  }

  private static KeyPair ecKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The old key, standing in for a version the provider still holds. */
  private record JdkSigner(String keyId, KeyPair pair) implements AttestationSigner {
    @Override
    public byte[] sign(byte[] bytes) {
      try {
        Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        signature.initSign(pair.getPrivate());
        signature.update(bytes);
        return signature.sign();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
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
