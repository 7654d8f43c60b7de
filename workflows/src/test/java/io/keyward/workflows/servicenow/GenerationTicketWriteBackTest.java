package io.keyward.workflows.servicenow;

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
import io.keyward.workflows.lifecycle.KeyLifecycleWorkflowImpl;
import io.keyward.workflows.notify.NoticeAction;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationTopic;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.testing.HistoryRecorder;
import io.keyward.workflows.testing.InMemoryDependencies;
import io.keyward.workflows.testing.InMemoryKeyProvider;
import io.keyward.workflows.testing.InMemoryRegister;
import io.keyward.workflows.testing.RecordingAudit;
import io.keyward.workflows.testing.RecordingNotifications;
import io.keyward.workflows.testing.RecordingTickets;
import io.keyward.workflows.testing.StartingLifecycles;
import io.keyward.workflows.testing.WorkflowTestServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runbook 3.3 step 1 says the request comes from ServiceNow: the ceremony writes each step back to
 * its ticket, in order, and announces the open approval, without ever waiting on either.
 */
class GenerationTicketWriteBackTest {
  private final InMemoryRegister register = new InMemoryRegister();

  private static final KeyRef KEY = new KeyRef("kv-payments", "card-signing");
  private static final KeySpec RSA_3072 =
      new KeySpec(
          KeyType.RSA, 3072, null, Set.of(KeyOperation.SIGN, KeyOperation.VERIFY), 365, Map.of());

  @RegisterExtension
  static final WorkflowTestServer server = WorkflowTestServer.withKeywardSearchAttributes();

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private RecordingTickets tickets;
  private RecordingNotifications notifications;

  @BeforeEach
  void startWorker() {
    env = server.env();
    tickets = new RecordingTickets();
    notifications = new RecordingNotifications();
    server.startWorker(
        worker -> {
          // A registered key starts its lifecycle, which must find a worker.
          worker.registerWorkflowImplementationTypes(
              KeyGenerationWorkflowImpl.class, KeyLifecycleWorkflowImpl.class);
          worker.registerActivitiesImplementations(
              register.activities(),
              new InMemoryKeyProvider(),
              new RecordingAudit(),
              new InMemoryDependencies(),
              new StartingLifecycles(),
              tickets,
              notifications);
        });
    client = env.getWorkflowClient();
  }

  @Test
  void writesEveryHumanStepAndTheEndToTheTicketInOrder() {
    KeyGenerationWorkflow ceremony = request("CHG0012345");
    driveToRegistered(ceremony);

    GenerationOutcome outcome = WorkflowStub.fromTyped(ceremony).getResult(GenerationOutcome.class);
    assertThat(outcome.phase()).isEqualTo(GenerationPhase.REGISTERED);
    HistoryRecorder.saveIfAsked(
        client, GenerationRequest.workflowId(KEY), "keygen-secret-registered-ticket-notes");

    assertThat(tickets.delivered())
        .extracting(TicketUpdate::sequence)
        .containsExactly(1, 2, 3, 4, 5);
    assertThat(tickets.delivered())
        .allSatisfy(
            update -> {
              assertThat(update.ticket()).isEqualTo("CHG0012345");
              assertThat(update.subject()).isEqualTo("keygen/kv-payments/card-signing");
              assertThat(update.note()).doesNotContain("cards need signing");
            });
    assertThat(tickets.states())
        .containsExactly(
            TicketState.IN_PROGRESS,
            TicketState.IN_PROGRESS,
            TicketState.IN_PROGRESS,
            TicketState.IN_PROGRESS,
            TicketState.DONE);
    assertThat(tickets.delivered().get(0).note())
        .startsWith("The SECRET RSA-3072 key kv-payments/card-signing waits for approval: 2 of 3")
        .contains("due ");
    assertThat(tickets.delivered().get(1).note()).startsWith("Approved by olivia, lena.");
    assertThat(tickets.delivered().get(2).note()).contains("generated by kim");
    assertThat(tickets.delivered().get(3).note()).contains("verified by kai and activated");
    assertThat(tickets.delivered().get(4).note())
        .isEqualTo(
            "Registered: version v1 of kv-payments/card-signing validated by sam and recorded in"
                + " the key register.");
  }

  @Test
  void aDenialStopsTheTicketWithTheReason() {
    KeyGenerationWorkflow ceremony = request("CHG0012346");
    ceremony.decide(new Decision(LENA, DecisionType.DENY, "no business case"));

    WorkflowStub.fromTyped(ceremony).getResult(GenerationOutcome.class);

    assertThat(tickets.states()).containsExactly(TicketState.IN_PROGRESS, TicketState.STOPPED);
    assertThat(tickets.delivered().get(1).note())
        .isEqualTo(
            "The SECRET RSA-3072 key kv-payments/card-signing ended DENIED: denied by lena.");
  }

  @Test
  void anUnreachableTicketSystemHoldsUpNoStep() {
    tickets.goDown();
    KeyGenerationWorkflow ceremony = request("CHG0012347");

    driveToRegistered(ceremony);

    GenerationOutcome outcome = WorkflowStub.fromTyped(ceremony).getResult(GenerationOutcome.class);
    assertThat(outcome.phase()).isEqualTo(GenerationPhase.REGISTERED);
    assertThat(tickets.delivered()).isEmpty();
    assertThat(tickets.calls())
        .as("every update was tried up to its limit, one after the other")
        .isEqualTo(5 * TicketWriteBack.MAX_ATTEMPTS);
  }

  @Test
  void aRequestWithoutTicketWritesNothingBack() {
    KeyGenerationWorkflow ceremony = request(null);
    ceremony.decide(new Decision(LENA, DecisionType.DENY, "no business case"));

    WorkflowStub.fromTyped(ceremony).getResult(GenerationOutcome.class);

    assertThat(tickets.calls()).isZero();
  }

  @Test
  void announcesTheOpenApprovalToTheApproversChannelOnce() {
    KeyGenerationWorkflow ceremony = request("CHG0012348");
    driveToRegistered(ceremony);
    WorkflowStub.fromTyped(ceremony).getResult(GenerationOutcome.class);

    List<Notification> aboutTheCeremony =
        notifications.sent().stream()
            .map(RecordingNotifications.Sent::notification)
            .filter(n -> n.subject().equals("keygen/kv-payments/card-signing"))
            .toList();
    assertThat(aboutTheCeremony).hasSize(1);
    Notification waiting = aboutTheCeremony.get(0);
    assertThat(waiting.topic()).isEqualTo(NotificationTopic.APPROVALS);
    assertThat(waiting.subject()).isEqualTo("keygen/kv-payments/card-signing");
    assertThat(waiting.title()).isEqualTo("Approval needed: SECRET key kv-payments/card-signing");
    assertThat(waiting.action()).isEqualTo(NoticeAction.APPROVE_OR_DENY);
    assertThat(waiting.text())
        .startsWith("alice requests a RSA-3072 key (CHG0012348). Quorum 2 of 3 from ")
        .doesNotContain("cards need signing");
  }

  private void driveToRegistered(KeyGenerationWorkflow ceremony) {
    ceremony.decide(new Decision(OLIVIA, DecisionType.APPROVE, null));
    ceremony.decide(new Decision(LENA, DecisionType.APPROVE, null));
    awaitPhase(ceremony, GenerationPhase.AWAITING_GENERATION);
    ceremony.decide(new Decision(KIM, DecisionType.GENERATE, null));
    awaitPhase(ceremony, GenerationPhase.AWAITING_VERIFICATION);
    ceremony.decide(new Decision(KAI, DecisionType.VERIFY, null));
    awaitPhase(ceremony, GenerationPhase.AWAITING_REGISTRATION);
    ceremony.decide(new Decision(SAM, DecisionType.REGISTER, null));
  }

  private KeyGenerationWorkflow request(String ticket) {
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
            KEY, RSA_3072, Classification.SECRET, "cards need signing", ALICE, ticket, null));
    return ceremony;
  }

  private void awaitPhase(KeyGenerationWorkflow ceremony, GenerationPhase phase) {
    for (int i = 0; i < 200 && ceremony.state().phase() != phase; i++) {
      env.sleep(Duration.ofMillis(50));
    }
    assertThat(ceremony.state().phase()).isEqualTo(phase);
  }
}
