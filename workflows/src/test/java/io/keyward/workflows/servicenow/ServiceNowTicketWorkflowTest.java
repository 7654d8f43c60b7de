package io.keyward.workflows.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.testing.RecordingTickets;
import io.keyward.workflows.testing.WorkflowTestServer;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The record of a ServiceNow ticket: one per sys_id, acknowledged on the ticket, then kept. */
class ServiceNowTicketWorkflowTest {
  private static final ServiceNowRecord RECORD =
      new ServiceNowRecord("change_request", "9d385017c611228701d22104cc95c371", "CHG0012345");
  private static final TicketLink LINK =
      new TicketLink(
          RECORD,
          RecordType.KEY_GENERATION,
          "alice",
          "keygen/kv-payments/card-signing",
          "/api/generations/kv-payments/card-signing");

  @RegisterExtension
  static final WorkflowTestServer server = WorkflowTestServer.withKeywardSearchAttributes();

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private RecordingTickets tickets;

  @BeforeEach
  void startWorker() {
    env = server.env();
    tickets = new RecordingTickets();
    server.startWorker(
        worker -> {
          worker.registerWorkflowImplementationTypes(ServiceNowTicketWorkflowImpl.class);
          worker.registerActivitiesImplementations(tickets);
        });
    client = env.getWorkflowClient();
  }

  @Test
  void acknowledgesTheTicketWithTheCeremonyItStarted() {
    start();
    env.sleep(Duration.ofMinutes(1));

    assertThat(tickets.delivered())
        .singleElement()
        .satisfies(
            update -> {
              assertThat(update.ticket()).isEqualTo("CHG0012345");
              assertThat(update.state()).isEqualTo(TicketState.IN_PROGRESS);
              assertThat(update.note())
                  .isEqualTo(
                      "Keyward accepted this key generation record from alice and runs it as"
                          + " workflow keygen/kv-payments/card-signing.");
            });
    assertThat(client.newWorkflowStub(ServiceNowTicketWorkflow.class, RECORD.workflowId()).link())
        .isEqualTo(LINK);
  }

  @Test
  void aSecondStartOfTheSameRecordFindsTheFirstRun() {
    String first = start();
    String second = start();

    assertThat(second).isEqualTo(first);
    env.sleep(Duration.ofMinutes(1));
    assertThat(tickets.delivered()).hasSize(1);
  }

  @Test
  void aClosedRecordRefusesAnotherStartUntilRetentionEnds() {
    start();
    WorkflowStub.fromTyped(
            client.newWorkflowStub(ServiceNowTicketWorkflow.class, RECORD.workflowId()))
        .getResult(TicketLink.class);

    assertThatThrownBy(this::start).isInstanceOf(WorkflowExecutionAlreadyStarted.class);
  }

  private String start() {
    ServiceNowTicketWorkflow workflow =
        client.newWorkflowStub(
            ServiceNowTicketWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(RECORD.workflowId())
                .setTaskQueue(TaskQueues.CEREMONIES)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    return WorkflowClient.start(workflow::run, LINK).getRunId();
  }
}
