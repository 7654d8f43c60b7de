package io.keyward.workflows.classification;

import static io.keyward.workflows.testing.People.ALICE;
import static io.keyward.workflows.testing.People.CAROL;
import static io.keyward.workflows.testing.People.LENA;
import static io.keyward.workflows.testing.People.OLIVIA;
import static io.keyward.workflows.testing.People.OSCAR;
import static io.keyward.workflows.testing.People.TOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.ProtectionLevel;
import io.keyward.workflows.register.KeyFact;
import io.keyward.workflows.register.KeyOwner;
import io.keyward.workflows.register.KeyState;
import io.keyward.workflows.register.RegisteredKey;
import io.keyward.workflows.testing.HistoryRecorder;
import io.keyward.workflows.testing.InMemoryRegister;
import io.keyward.workflows.testing.RecordingAudit;
import io.keyward.workflows.testing.WorkflowTestServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Setting a key's facts in the key register under dual control: the quorum of the higher of the old
 * and new classification, an unregistered key counting as ULTRA.
 */
class ClassificationChangeWorkflowTest {
  private static final KeyRef KEY = new KeyRef("kv-legacy", "found-key");
  private static final String WORKFLOW_ID = ClassificationChangeRequest.workflowId(KEY);

  @RegisterExtension
  static final WorkflowTestServer server = WorkflowTestServer.withKeywardSearchAttributes();

  private final InMemoryRegister register = new InMemoryRegister();
  private final RecordingAudit audit = new RecordingAudit();
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void startWorker() {
    env = server.env();
    server.startWorker(
        worker -> {
          worker.registerWorkflowImplementationTypes(ClassificationChangeWorkflowImpl.class);
          worker.registerActivitiesImplementations(register.activities(), audit);
        });
    client = env.getWorkflowClient();
  }

  @Test
  void setsTheFactsOfAKeyTheRegisterDoesNotHoldOnlyWithTheUltraQuorum() {
    ClassificationChangeWorkflow change =
        request(Classification.CONFIDENTIAL, KeyUsage.APPLICATION, OLIVIA);
    awaitPhase(change, ClassificationPhase.AWAITING_APPROVAL);
    assertThat(change.state().policy().classification()).isEqualTo(Classification.ULTRA);

    assertRefused(change, OLIVIA, "olivia requested this change");
    assertRefused(change, LENA, "lena holds none of the roles that approve for a ULTRA key");
    change.decide(approve(OSCAR));
    change.decide(approve(CAROL));
    assertThat(register.find(KEY)).as("two of three approvals write nothing").isEmpty();
    change.decide(approve(TOM));

    ClassificationChangeOutcome outcome =
        WorkflowStub.fromTyped(change).getResult(ClassificationChangeOutcome.class);
    assertThat(outcome.phase()).isEqualTo(ClassificationPhase.RECORDED);
    HistoryRecorder.saveIfAsked(client, WORKFLOW_ID, "classification-unregistered-recorded");
    RegisteredKey entry = register.find(KEY).orElseThrow();
    assertThat(entry.classification()).isEqualTo(Classification.CONFIDENTIAL);
    assertThat(entry.usage()).isEqualTo(KeyUsage.APPLICATION);
    assertThat(entry.owner()).isEqualTo(new KeyOwner("payments", "alice"));
    assertThat(entry.protection()).isEqualTo(ProtectionLevel.PREMIUM_KEY_VAULT_HSM);
    assertThat(entry.state()).isEqualTo(KeyState.ACTIVE);
    assertThat(entry.changedBy()).containsEntry(KeyFact.CLASSIFICATION, WORKFLOW_ID);
    assertThat(register.history(KEY))
        .allSatisfy(c -> assertThat(c.actor()).isEqualTo("oscar, carol, tom"));
    assertThat(audit.types())
        .containsSubsequence(
            "CLASSIFICATION_CHANGE_REQUESTED",
            "CLASSIFICATION_DECISION_APPROVE",
            "CLASSIFICATION_CHANGE_RECORDED");
  }

  @Test
  void raisingARestrictedKeyToSecretNeedsTheSecretQuorumAndADenialChangesNothing() {
    register.register(KEY, Classification.RESTRICTED, KeyUsage.API_KEY, "alice");
    ClassificationChangeWorkflow change =
        request(Classification.SECRET, KeyUsage.DATABASE_TDE, ALICE);
    awaitPhase(change, ClassificationPhase.AWAITING_APPROVAL);
    assertThat(change.state().policy().quorumText()).isEqualTo("2 of 3");

    change.decide(approve(OLIVIA));
    change.decide(
        new ClassificationDecision(LENA, ClassificationDecisionType.DENY, "it is an API key"));

    assertThat(WorkflowStub.fromTyped(change).getResult(ClassificationChangeOutcome.class).phase())
        .isEqualTo(ClassificationPhase.DENIED);
    assertThat(register.find(KEY).orElseThrow().classification())
        .isEqualTo(Classification.RESTRICTED);
  }

  private ClassificationChangeWorkflow request(
      Classification classification, KeyUsage usage, Actor requester) {
    ClassificationChangeWorkflow change =
        client.newWorkflowStub(
            ClassificationChangeWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WORKFLOW_ID)
                .setTaskQueue(TaskQueues.CEREMONIES)
                .build());
    WorkflowClient.start(
        change::run,
        new ClassificationChangeRequest(
            KEY,
            classification,
            usage,
            new KeyOwner("payments", "alice"),
            "found by the reconciliation; it signs payment files",
            requester,
            null));
    return change;
  }

  private void awaitPhase(ClassificationChangeWorkflow change, ClassificationPhase phase) {
    for (int i = 0; i < 200 && change.state().phase() != phase; i++) {
      env.sleep(Duration.ofMillis(50));
    }
    assertThat(change.state().phase()).isEqualTo(phase);
  }

  private static void assertRefused(
      ClassificationChangeWorkflow change, Actor actor, String message) {
    assertThatThrownBy(() -> change.decide(approve(actor)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining(message);
  }

  private static ClassificationDecision approve(Actor actor) {
    return new ClassificationDecision(actor, ClassificationDecisionType.APPROVE, null);
  }
}
