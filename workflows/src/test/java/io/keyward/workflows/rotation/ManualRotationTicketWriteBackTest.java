package io.keyward.workflows.rotation;

import static io.keyward.workflows.testing.People.ALICE;
import static io.keyward.workflows.testing.People.KIM;
import static io.keyward.workflows.testing.People.LENA;
import static io.keyward.workflows.testing.People.SAM;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.keyward.workflows.servicenow.TicketState;
import io.keyward.workflows.servicenow.TicketUpdate;
import io.keyward.workflows.servicenow.TicketWriteBack;
import io.keyward.workflows.testing.HistoryRecorder;
import io.keyward.workflows.testing.InMemoryDependencies;
import io.keyward.workflows.testing.InMemoryRegister;
import io.keyward.workflows.testing.RecordingAudit;
import io.keyward.workflows.testing.RecordingNotifications;
import io.keyward.workflows.testing.RecordingTickets;
import io.keyward.workflows.testing.ScriptedKeys;
import io.keyward.workflows.testing.WorkflowTestServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A manual rotation requested under a ServiceNow ticket writes each lasting phase and its end back
 * to the ticket, in order, and never waits on the ticket system to go on.
 */
class ManualRotationTicketWriteBackTest {
  private final InMemoryRegister register = new InMemoryRegister();

  private static final KeyRef KEY = new KeyRef("kv-secret-prod", "payments-tde");
  private static final Actor SOL = new Actor("sol", Set.of(Role.SECURITY_OPERATIONS));
  private static final String JUSTIFICATION = "annual rotation of the payments TDE key";

  @RegisterExtension
  static final WorkflowTestServer server = WorkflowTestServer.withKeywardSearchAttributes();

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private ScriptedKeys keys;
  private RecordingTickets tickets;

  @BeforeEach
  void startWorker() {
    env = server.env();
    keys = new ScriptedKeys();
    tickets = new RecordingTickets();
    InMemoryDependencies dependencies = new InMemoryDependencies();
    server.startWorker(
        worker -> {
          worker.registerWorkflowImplementationTypes(ManualRotationWorkflowImpl.class);
          worker.registerActivitiesImplementations(
              register.activities(),
              keys,
              new RecordingAudit(),
              new RecordingNotifications(),
              dependencies,
              tickets);
        });
    client = env.getWorkflowClient();
    existingKey();
    dependencies.put(KEY, List.of(new KeyDependent("payments-db", "alice", "#payments-oncall")));
  }

  @Test
  void writesEveryLastingPhaseAndTheEndToTheTicketInOrder() {
    ManualRotationWorkflow rotation = plan("CHG0100");
    driveToCompleted(rotation);

    RotationOutcome outcome = WorkflowStub.fromTyped(rotation).getResult(RotationOutcome.class);
    assertThat(outcome.phase()).isEqualTo(RotationPhase.COMPLETED);
    HistoryRecorder.saveIfAsked(
        client, RotationRequest.workflowId(KEY), "rotation-manual-completed-ticket-notes");

    List<TicketUpdate> delivered = tickets.delivered();
    assertThat(delivered)
        .extracting(TicketUpdate::sequence)
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(delivered)
        .allSatisfy(
            update -> {
              assertThat(update.ticket()).isEqualTo("CHG0100");
              assertThat(update.subject()).isEqualTo("rotation/kv-secret-prod/payments-tde");
              assertThat(update.note()).doesNotContain(JUSTIFICATION);
            });
    assertThat(tickets.states())
        .containsExactly(
            TicketState.IN_PROGRESS,
            TicketState.IN_PROGRESS,
            TicketState.IN_PROGRESS,
            TicketState.IN_PROGRESS,
            TicketState.IN_PROGRESS,
            TicketState.IN_PROGRESS,
            TicketState.IN_PROGRESS,
            TicketState.DONE);
    assertThat(delivered.get(0).note())
        .startsWith("The rotation of ")
        .contains("kv-secret-prod/payments-tde is planned for ")
        .contains("pre-rotation checks start at T-30, due ");
    assertThat(delivered.get(1).note())
        .startsWith("Pre-rotation checks: 1 dependent application(s), 0 dependency finding(s),")
        .contains("backup verified")
        .contains("waits for the security review, due ");
    assertThat(delivered.get(2).note()).startsWith("Security review approved by sam.");
    assertThat(delivered.get(3).note()).contains("waits for approval: ");
    assertThat(delivered.get(4).note()).startsWith("Approved by security team: lena.");
    assertThat(delivered.get(5).note())
        .startsWith("Rotated by kim: version v2 is active, version v1 stays enabled");
    assertThat(delivered.get(6).note())
        .startsWith("Version v2 validated.")
        .contains("before version v1 is deactivated");
    assertThat(delivered.get(7).note())
        .isEqualTo(
            "Completed: kv-secret-prod/payments-tde rotated to version v2; version v1"
                + " deactivated.");
  }

  @Test
  void aCancellationStopsTheTicketWithTheReason() {
    ManualRotationWorkflow rotation = plan("CHG0101");
    awaitPhase(rotation, RotationPhase.SCHEDULED);

    rotation.cancel(new Cancellation(ALICE, "duplicate request"));

    assertThat(outcomeOf(rotation).phase()).isEqualTo(RotationPhase.CANCELLED);
    assertThat(tickets.states()).containsExactly(TicketState.IN_PROGRESS, TicketState.STOPPED);
    assertThat(tickets.delivered().get(1).note())
        .endsWith("ended CANCELLED: cancelled by alice: duplicate request.");
  }

  @Test
  void aRescheduleWritesTheNewDateOnce() {
    ManualRotationWorkflow rotation = plan("CHG0102");
    awaitPhase(rotation, RotationPhase.SCHEDULED);
    Instant later = now().plus(Duration.ofDays(50));

    rotation.reschedule(new Reschedule(ALICE, later, "change freeze"));
    rotation.cancel(new Cancellation(ALICE, "not needed after all"));

    outcomeOf(rotation);
    assertThat(tickets.delivered()).extracting(TicketUpdate::sequence).containsExactly(1, 2, 3);
    assertThat(tickets.delivered().get(1).note()).contains("is planned for ");
    assertThat(tickets.delivered().get(1).note()).isNotEqualTo(tickets.delivered().get(0).note());
    assertThat(tickets.states().get(2)).isEqualTo(TicketState.STOPPED);
  }

  @Test
  void anUnreachableTicketSystemHoldsUpNoStep() {
    tickets.goDown();
    ManualRotationWorkflow rotation = plan("CHG0103");

    driveToCompleted(rotation);

    assertThat(outcomeOf(rotation).phase()).isEqualTo(RotationPhase.COMPLETED);
    assertThat(tickets.delivered()).isEmpty();
    assertThat(tickets.calls())
        .as("every update was tried up to its limit, one after the other")
        .isEqualTo(8 * TicketWriteBack.MAX_ATTEMPTS);
  }

  @Test
  void aRequestWithoutTicketWritesNothingBack() {
    ManualRotationWorkflow rotation = plan(null);
    awaitPhase(rotation, RotationPhase.SCHEDULED);

    rotation.cancel(new Cancellation(ALICE, "duplicate request"));

    assertThat(outcomeOf(rotation).phase()).isEqualTo(RotationPhase.CANCELLED);
    assertThat(tickets.calls()).isZero();
  }

  private void driveToCompleted(ManualRotationWorkflow rotation) {
    awaitPhase(rotation, RotationPhase.SCHEDULED);
    env.sleep(Duration.ofDays(5));
    awaitPhase(rotation, RotationPhase.AWAITING_SECURITY_REVIEW);
    rotation.decide(new RotationDecision(SAM, RotationDecisionType.APPROVE_REVIEW, "reviewed"));
    awaitPhase(rotation, RotationPhase.WAITING_FOR_ROTATION_DATE);
    env.sleep(Duration.ofDays(30));
    awaitPhase(rotation, RotationPhase.AWAITING_APPROVAL);
    rotation.decide(new RotationDecision(LENA, RotationDecisionType.APPROVE, null));
    awaitPhase(rotation, RotationPhase.AWAITING_EXECUTION);
    rotation.decide(new RotationDecision(KIM, RotationDecisionType.EXECUTE, null));
    awaitPhase(rotation, RotationPhase.MONITORING);
    env.sleep(Duration.ofDays(7));
    awaitPhase(rotation, RotationPhase.AWAITING_MONITORING_REVIEW);
    rotation.decide(
        new RotationDecision(SOL, RotationDecisionType.CONFIRM_MONITORING, "no alerts"));
  }

  private ManualRotationWorkflow plan(String ticket) {
    register.register(KEY, Classification.SECRET, KeyUsage.DATABASE_TDE, "alice");
    ManualRotationWorkflow rotation =
        client.newWorkflowStub(
            ManualRotationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(RotationRequest.workflowId(KEY))
                .setTaskQueue(TaskQueues.CEREMONIES)
                .build());
    WorkflowClient.start(
        rotation::run,
        new RotationRequest(
            KEY, now().plus(Duration.ofDays(35)), JUSTIFICATION, ALICE, ticket, null));
    return rotation;
  }

  private void existingKey() {
    Instant created = now();
    keys.create(
        new CreateKeyCommand(
            KEY,
            new KeySpec(
                KeyType.RSA, 3072, null, Set.of(KeyOperation.SIGN, KeyOperation.VERIFY), 365, null),
            ProtectionLevel.MANAGED_HSM,
            new KeyAttributes(
                Set.of(KeyOperation.SIGN, KeyOperation.VERIFY),
                created,
                created.plus(Duration.ofDays(365)),
                true,
                Map.of("Classification", "SECRET")),
            "existing-" + KEY));
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

  private static RotationOutcome outcomeOf(ManualRotationWorkflow rotation) {
    return WorkflowStub.fromTyped(rotation).getResult(RotationOutcome.class);
  }
}
