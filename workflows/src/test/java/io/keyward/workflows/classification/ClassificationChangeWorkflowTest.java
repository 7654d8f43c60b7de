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
import io.keyward.workflows.testing.PeopleKeys;
import io.keyward.workflows.testing.RecordingAudit;
import io.keyward.workflows.testing.WorkflowTestServer;
import io.keyward.workflows.webauthn.AssertionAudit;
import io.keyward.workflows.webauthn.AuditedAssertions;
import io.keyward.workflows.webauthn.DecisionAssertion;
import io.keyward.workflows.webauthn.HeldCredentials;
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
 * and new classification, an unregistered key counting as ULTRA; every decision of a change the
 * ULTRA quorum decides signed by the approver's own security key.
 */
class ClassificationChangeWorkflowTest {
  private static final KeyRef KEY = new KeyRef("kv-legacy", "found-key");
  private static final String WORKFLOW_ID = ClassificationChangeRequest.workflowId(KEY);

  @RegisterExtension
  static final WorkflowTestServer server = WorkflowTestServer.withKeywardSearchAttributes();

  private final InMemoryRegister register = new InMemoryRegister();
  private final RecordingAudit audit = new RecordingAudit();
  private final PeopleKeys people = new PeopleKeys().enrol(OSCAR, CAROL, TOM, LENA);
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void startWorker() {
    env = server.env();
    server.startWorker(
        worker -> {
          worker.registerWorkflowImplementationTypes(ClassificationChangeWorkflowImpl.class);
          worker.registerActivitiesImplementations(
              register.activities(), audit, people.credentials());
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
    change.decide(signed(OSCAR, "APPROVE", null));
    change.decide(signed(CAROL, "APPROVE", "matches the payments inventory"));
    assertThat(register.find(KEY)).as("two of three approvals write nothing").isEmpty();
    change.decide(signed(TOM, "APPROVE", null));

    ClassificationChangeOutcome outcome =
        WorkflowStub.fromTyped(change).getResult(ClassificationChangeOutcome.class);
    assertThat(outcome.phase()).isEqualTo(ClassificationPhase.RECORDED);
    HistoryRecorder.saveIfAsked(client, WORKFLOW_ID, "classification-unregistered-recorded-signed");
    assertThat(audit.events())
        .filteredOn(e -> e.type().equals("CLASSIFICATION_DECISION_APPROVE"))
        .hasSize(3)
        .allSatisfy(e -> assertThat(e.details()).containsKeys(AssertionAudit.SIGNATURE));
    assertThat(AuditedAssertions.verify(audit.events(), people::stored))
        .as("verify-audit's check: every decision verifies again from the trail")
        .isEmpty();
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
  void raisingASecretKeyToUltraNeedsEveryDecisionSignedAndRefusesOneWithoutAKey() {
    register.register(KEY, Classification.SECRET, KeyUsage.APPLICATION, "alice");
    ClassificationChangeWorkflow change =
        request(Classification.ULTRA, KeyUsage.APPLICATION, OLIVIA);
    awaitPhase(change, ClassificationPhase.AWAITING_APPROVAL);

    assertThatThrownBy(() -> change.decide(approve(CAROL)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining(
            "a decision on an ULTRA classification change must be signed by the decider's own"
                + " security key: "
                + HeldCredentials.WHERE_TO_DECIDE
                + ", /ui/classifications/kv-legacy/found-key");
    DecisionAssertion forDenial = sign(CAROL, "DENY", null);
    assertThatThrownBy(
            () ->
                change.decide(
                    new ClassificationDecision(
                        CAROL, ClassificationDecisionType.APPROVE, null, forDenial)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("the security key signed another decision");
    change.decide(signed(OSCAR, "APPROVE", null));
    change.decide(signed(CAROL, "APPROVE", null));
    change.decide(signed(TOM, "APPROVE", null));

    assertThat(WorkflowStub.fromTyped(change).getResult(ClassificationChangeOutcome.class).phase())
        .isEqualTo(ClassificationPhase.RECORDED);
    assertThat(register.find(KEY).orElseThrow().classification()).isEqualTo(Classification.ULTRA);
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

  private ClassificationDecision signed(Actor actor, String type, String reason) {
    return new ClassificationDecision(
        actor, ClassificationDecisionType.valueOf(type), reason, sign(actor, type, reason));
  }

  private DecisionAssertion sign(Actor actor, String type, String reason) {
    return people.sign(
        client, actor, WORKFLOW_ID, type, ClassificationPhase.AWAITING_APPROVAL.name(), reason);
  }

  private static ClassificationDecision approve(Actor actor) {
    return new ClassificationDecision(actor, ClassificationDecisionType.APPROVE, null);
  }
}
