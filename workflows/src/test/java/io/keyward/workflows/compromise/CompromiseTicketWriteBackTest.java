package io.keyward.workflows.compromise;

import static io.keyward.workflows.testing.People.CAROL;
import static io.keyward.workflows.testing.People.SAM;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.incident.CallLog;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.incident.LoggedAudit;
import io.keyward.workflows.incident.LoggedKeyProvider;
import io.keyward.workflows.incident.SearchAttributesForTests;
import io.keyward.workflows.incident.Severity;
import io.keyward.workflows.servicenow.TicketState;
import io.keyward.workflows.servicenow.TicketUpdate;
import io.keyward.workflows.servicenow.TicketWriteBack;
import io.keyward.workflows.testing.HistoryRecorder;
import io.keyward.workflows.testing.InMemoryRegister;
import io.keyward.workflows.testing.RecordingNotifications;
import io.keyward.workflows.testing.RecordingTickets;
import io.keyward.workflows.testing.WorkflowTestServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A compromise reported from ServiceNow carries the incident number: the response writes each phase
 * and its end to that ticket, in order, without the ticket system ever delaying the response.
 */
class CompromiseTicketWriteBackTest {
  private final InMemoryRegister register = new InMemoryRegister();

  private static final KeyRef KEY = new KeyRef("kv-payments", "card-encryption");
  private static final IncidentId INCIDENT = new IncidentId("INC0099002");
  private static final String WORKFLOW_ID = CompromiseReport.workflowId(INCIDENT);
  private static final Actor SOL = new Actor("sol", Set.of(Role.SECURITY_OPERATIONS));
  private static final String SUMMARY = "key material found in a public paste";

  @RegisterExtension
  static final WorkflowTestServer server =
      WorkflowTestServer.of(SearchAttributesForTests::newEnvironment);

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private CallLog log;
  private RecordingTickets tickets;

  @BeforeEach
  void startWorker() {
    env = server.env();
    log = new CallLog();
    LoggedKeyProvider keys = new LoggedKeyProvider(log);
    keys.existing(KEY, Map.of("Classification", "SECRET", "Owner", "alice"));
    tickets = new RecordingTickets(log);
    server.startWorker(
        worker -> {
          worker.registerWorkflowImplementationTypes(CompromiseResponseWorkflowImpl.class);
          worker.registerActivitiesImplementations(
              register.activities(),
              keys,
              new MappedDependencies(log)
                  .with(KEY, new KeyDependent("checkout", "alice", "#checkout")),
              new RecordingEvidence(log),
              new LoggedAudit(log),
              new RecordingNotifications(log),
              tickets);
        });
    client = env.getWorkflowClient();
  }

  @Test
  void writesEveryPhaseAndTheCloseToTheIncidentTicketInOrder() {
    CompromiseResponseWorkflow response = report(KEY);

    CompromiseOutcome outcome = closeWithEveryTaskDone(response);

    assertThat(outcome.phase()).isEqualTo(CompromisePhase.CLOSED);
    HistoryRecorder.saveIfAsked(client, WORKFLOW_ID, "compromise-p1-closed-ticket-notes");
    assertThat(log.calls()).first().isEqualTo("keys:disableAllVersions");
    assertThat(tickets.delivered())
        .extracting(TicketUpdate::sequence)
        .containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(tickets.delivered())
        .allSatisfy(
            update -> {
              assertThat(update.ticket()).isEqualTo("INC0099002");
              assertThat(update.subject()).isEqualTo(WORKFLOW_ID);
              assertThat(update.note()).doesNotContain(SUMMARY);
            });
    assertThat(tickets.states())
        .containsExactly(
            TicketState.IN_PROGRESS,
            TicketState.IN_PROGRESS,
            TicketState.IN_PROGRESS,
            TicketState.IN_PROGRESS,
            TicketState.IN_PROGRESS,
            TicketState.DONE);
    assertThat(tickets.delivered().get(0).note())
        .startsWith("Every version of kv-payments/card-encryption (")
        .contains("disabled PT", "in 1 attempt")
        .endsWith("Assessing which applications use it.");
    assertThat(tickets.delivered().get(1).note())
        .isEqualTo(
            "Impact assessed: 1 applications use kv-payments/card-encryption. Rotating"
                + " kv-payments/card-encryption.");
    assertThat(tickets.delivered().get(2).note())
        .contains("new version ")
        .endsWith("enabled. Checking a round trip with it.");
    assertThat(tickets.delivered().get(3).note())
        .contains(" passed. Sealing the forensic evidence of kv-payments/card-encryption.");
    assertThat(tickets.delivered().get(4).note())
        .startsWith("Forensic evidence sealed, SHA-256 ")
        .contains("Long-term tasks open: ", " due ");
    assertThat(tickets.delivered().get(5).note())
        .isEqualTo(
            "Compromise response for kv-payments/card-encryption closed: every long-term task is"
                + " complete.");
  }

  @Test
  void aKeyNoProviderHoldsStopsTheTicketWithTheReason() {
    CompromiseResponseWorkflow response = report(new KeyRef("kv-payments", "no-such-key"));

    CompromiseOutcome outcome = WorkflowStub.fromTyped(response).getResult(CompromiseOutcome.class);

    assertThat(outcome.phase()).isEqualTo(CompromisePhase.FAILED);
    assertThat(tickets.states()).containsExactly(TicketState.STOPPED);
    assertThat(tickets.delivered().get(0).note())
        .startsWith("Compromise response for kv-payments/no-such-key FAILED: ")
        .contains("KeyNotFound");
  }

  @Test
  void anUnreachableTicketSystemHoldsUpNoStep() {
    tickets.goDown();
    CompromiseResponseWorkflow response = report(KEY);

    CompromiseState following = awaitPhase(response, CompromisePhase.FOLLOWING_UP);

    assertThat(following.emergencyVersion()).isNotNull();
    assertThat(following.restoration().passed()).isTrue();
    assertThat(following.evidence()).isNotNull();
    assertThat(log.calls()).first().isEqualTo("keys:disableAllVersions");
    assertThat(log.calls())
        .containsSubsequence(
            "keys:disableAllVersions",
            "dependencies:dependentsOf",
            "keys:create",
            "keys:roundTrip",
            "evidence:seal");
    CompromiseOutcome outcome = closeWithEveryTaskDone(response);
    assertThat(outcome.phase()).isEqualTo(CompromisePhase.CLOSED);
    assertThat(tickets.delivered()).isEmpty();
    assertThat(tickets.calls())
        .as("every update was tried up to its limit, one after the other")
        .isEqualTo(6 * TicketWriteBack.MAX_ATTEMPTS);
  }

  private CompromiseOutcome closeWithEveryTaskDone(CompromiseResponseWorkflow response) {
    awaitPhase(response, CompromisePhase.FOLLOWING_UP);
    response.acknowledge(new Acknowledgement(SAM, null));
    response.completeTask(
        new TaskCompletion(SAM, FollowUpKind.ROOT_CAUSE_ANALYSIS, "root cause found"));
    response.completeTask(
        new TaskCompletion(CAROL, FollowUpKind.SECURITY_CONTROL_ENHANCEMENT, "controls added"));
    response.completeTask(new TaskCompletion(SOL, FollowUpKind.LESSONS_LEARNED, "written up"));
    return WorkflowStub.fromTyped(response).getResult(CompromiseOutcome.class);
  }

  private CompromiseResponseWorkflow report(KeyRef key) {
    CompromiseResponseWorkflow response =
        client.newWorkflowStub(
            CompromiseResponseWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WORKFLOW_ID)
                .setTaskQueue(TaskQueues.CEREMONIES)
                .build());
    WorkflowClient.start(
        response::run,
        new CompromiseReport(
            INCIDENT,
            key,
            Severity.P1,
            SUMMARY,
            SOL,
            Instant.ofEpochMilli(env.currentTimeMillis())));
    return response;
  }

  private CompromiseState awaitPhase(CompromiseResponseWorkflow response, CompromisePhase phase) {
    CompromiseState state = response.state();
    for (int i = 0; i < 200 && state.phase() != phase; i++) {
      env.sleep(Duration.ofMillis(50));
      state = response.state();
    }
    assertThat(state.phase()).isEqualTo(phase);
    return state;
  }
}
