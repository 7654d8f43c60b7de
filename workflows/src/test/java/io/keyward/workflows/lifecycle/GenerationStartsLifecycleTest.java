package io.keyward.workflows.lifecycle;

import static io.keyward.workflows.testing.People.ALICE;
import static io.keyward.workflows.testing.People.KAI;
import static io.keyward.workflows.testing.People.KIM;
import static io.keyward.workflows.testing.People.LENA;
import static io.keyward.workflows.testing.People.OLIVIA;
import static io.keyward.workflows.testing.People.SAM;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.generation.Decision;
import io.keyward.workflows.generation.DecisionType;
import io.keyward.workflows.generation.GenerationOutcome;
import io.keyward.workflows.generation.GenerationPhase;
import io.keyward.workflows.generation.GenerationRequest;
import io.keyward.workflows.generation.KeyGenerationWorkflow;
import io.keyward.workflows.generation.KeyGenerationWorkflowImpl;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.RotationMode;
import io.keyward.workflows.testing.HistoryRecorder;
import io.keyward.workflows.testing.InMemoryDependencies;
import io.keyward.workflows.testing.InMemoryKeyProvider;
import io.keyward.workflows.testing.InMemoryRegister;
import io.keyward.workflows.testing.RecordingAudit;
import io.keyward.workflows.testing.RecordingNotifications;
import io.keyward.workflows.testing.StartingLifecycles;
import io.keyward.workflows.testing.WorkflowTestServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A key registered by a generation ceremony comes under its rotation policy at once. */
class GenerationStartsLifecycleTest {
  private final InMemoryRegister register = new InMemoryRegister();

  private static final KeyRef KEY = new KeyRef("kv-secret-prod", "claims-tde");

  @RegisterExtension
  static final WorkflowTestServer server = WorkflowTestServer.withKeywardSearchAttributes();

  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void startWorker() {
    env = server.env();
    server.startWorker(
        worker -> {
          worker.registerWorkflowImplementationTypes(
              KeyGenerationWorkflowImpl.class, KeyLifecycleWorkflowImpl.class);
          worker.registerActivitiesImplementations(
              register.activities(),
              new InMemoryKeyProvider(),
              new RecordingAudit(),
              new RecordingNotifications(),
              new InMemoryDependencies(),
              new StartingLifecycles());
        });
    client = env.getWorkflowClient();
  }

  @Test
  void registeringAKeyStartsItsLifecycleWithTheUsageOfItsTag() {
    KeyGenerationWorkflow ceremony =
        client.newWorkflowStub(
            KeyGenerationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(GenerationRequest.workflowId(KEY))
                .setTaskQueue(TaskQueues.CEREMONIES)
                .build());
    WorkflowClient.start(
        ceremony::run,
        new GenerationRequest(
            KEY,
            new KeySpec(
                KeyType.AES,
                256,
                null,
                Set.of(KeyOperation.ENCRYPT, KeyOperation.DECRYPT),
                730,
                Map.of(KeyUsage.TAG, "DATABASE_TDE")),
            Classification.SECRET,
            "TDE key for the claims database",
            ALICE,
            null,
            null));
    ceremony.decide(new Decision(OLIVIA, DecisionType.APPROVE, null));
    ceremony.decide(new Decision(LENA, DecisionType.APPROVE, null));
    awaitPhase(ceremony, GenerationPhase.AWAITING_GENERATION);
    ceremony.decide(new Decision(KIM, DecisionType.GENERATE, null));
    awaitPhase(ceremony, GenerationPhase.AWAITING_VERIFICATION);
    ceremony.decide(new Decision(KAI, DecisionType.VERIFY, null));
    awaitPhase(ceremony, GenerationPhase.AWAITING_REGISTRATION);
    ceremony.decide(new Decision(SAM, DecisionType.REGISTER, null));

    GenerationOutcome outcome = WorkflowStub.fromTyped(ceremony).getResult(GenerationOutcome.class);
    assertThat(outcome.phase()).isEqualTo(GenerationPhase.REGISTERED);
    assertThat(ceremony.state().timeline())
        .anySatisfy(e -> assertThat(e.action()).isEqualTo("LIFECYCLE_STARTED"));
    HistoryRecorder.saveIfAsked(
        client, GenerationRequest.workflowId(KEY), "keygen-secret-registered-lifecycle-started");

    KeyLifecycleWorkflow lifecycle =
        client.newWorkflowStub(KeyLifecycleWorkflow.class, LifecycleInput.workflowId(KEY));
    LifecycleState state = lifecycle.state();
    for (int i = 0; i < 200 && state.phase() != LifecyclePhase.WAITING_TO_ROTATE; i++) {
      env.sleep(Duration.ofMillis(50));
      state = lifecycle.state();
    }
    assertThat(state.phase()).isEqualTo(LifecyclePhase.WAITING_TO_ROTATE);
    assertThat(state.usage()).isEqualTo(KeyUsage.DATABASE_TDE);
    assertThat(state.classification()).isEqualTo(Classification.SECRET);
    assertThat(state.mode()).isEqualTo(RotationMode.APPROVAL_GATE);
    assertThat(state.enrolledBy()).isEqualTo("alice");
    assertThat(state.currentVersion()).isEqualTo("v1");
  }

  private void awaitPhase(KeyGenerationWorkflow ceremony, GenerationPhase phase) {
    for (int i = 0; i < 200 && ceremony.state().phase() != phase; i++) {
      env.sleep(Duration.ofMillis(50));
    }
    assertThat(ceremony.state().phase()).isEqualTo(phase);
  }
}
