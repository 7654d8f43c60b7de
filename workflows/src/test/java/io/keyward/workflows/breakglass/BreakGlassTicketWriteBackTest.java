package io.keyward.workflows.breakglass;

import static io.keyward.workflows.breakglass.BreakGlassCast.BRUNO;
import static io.keyward.workflows.breakglass.BreakGlassCast.SOL;
import static io.keyward.workflows.testing.People.ALICE;
import static io.keyward.workflows.testing.People.CAROL;
import static io.keyward.workflows.testing.People.LENA;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.incident.CallLog;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.incident.LoggedAudit;
import io.keyward.workflows.incident.LoggedKeyProvider;
import io.keyward.workflows.incident.SearchAttributesForTests;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Break-glass is declared through the incident management system: the session writes each phase and
 * its end to the incident's ticket, in order, without the ticket system ever delaying a grant or,
 * above all, the revocation.
 */
class BreakGlassTicketWriteBackTest {
  private final InMemoryRegister register = new InMemoryRegister();

  private static final KeyRef ORDERS = new KeyRef("kv-orders-prod", "orders-tde");
  private static final IncidentId INCIDENT = new IncidentId("INC0012399");
  private static final String WORKFLOW_ID = BreakGlassDeclaration.workflowId(INCIDENT);
  private static final String REASON = "orders database cannot decrypt: TDE key disabled";

  @RegisterExtension
  static final WorkflowTestServer server =
      WorkflowTestServer.of(SearchAttributesForTests::newEnvironment);

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private CallLog log;
  private InMemoryAccessGrants grants;
  private RecordingTickets tickets;

  @BeforeEach
  void startWorker() {
    env = server.env();
    log = new CallLog();
    LoggedKeyProvider keys = new LoggedKeyProvider(log);
    keys.existing(ORDERS, Map.of("Classification", "CONFIDENTIAL"));
    register.register(
        ORDERS,
        io.keyward.workflows.policy.Classification.CONFIDENTIAL,
        io.keyward.workflows.policy.KeyUsage.DATABASE_TDE,
        "alice");
    grants = new InMemoryAccessGrants(log);
    tickets = new RecordingTickets(log);
    server.startWorker(
        worker -> {
          worker.registerWorkflowImplementationTypes(BreakGlassWorkflowImpl.class);
          worker.registerActivitiesImplementations(
              register.activities(),
              keys,
              grants,
              new LoggedAudit(log),
              new RecordingNotifications(log),
              tickets);
        });
    client = env.getWorkflowClient();
  }

  @Test
  void writesEveryPhaseAndTheCloseToTheIncidentTicketInOrder() {
    BreakGlassWorkflow session = declare();

    BreakGlassOutcome outcome = authoriseRunOutAndReview(session);

    assertThat(outcome.phase()).isEqualTo(BreakGlassPhase.CLOSED);
    HistoryRecorder.saveIfAsked(client, WORKFLOW_ID, "breakglass-l1-reviewed-ticket-notes");
    assertThat(tickets.delivered())
        .extracting(TicketUpdate::sequence)
        .containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(tickets.delivered())
        .allSatisfy(
            update -> {
              assertThat(update.ticket()).isEqualTo("INC0012399");
              assertThat(update.subject()).isEqualTo(WORKFLOW_ID);
              assertThat(update.note()).doesNotContain(REASON);
            });
    assertThat(tickets.states())
        .containsExactly(
            TicketState.IN_PROGRESS,
            TicketState.IN_PROGRESS,
            TicketState.IN_PROGRESS,
            TicketState.IN_PROGRESS,
            TicketState.IN_PROGRESS,
            TicketState.DONE);
    List<String> notes = tickets.delivered().stream().map(TicketUpdate::note).toList();
    assertThat(notes.get(0))
        .startsWith(
            "Break-glass declared by sol: emergency access of bruno to kv-orders-prod/orders-tde"
                + " waits for L1 authorisation by Security Team Lead + Application Owner, due ");
    assertThat(notes.get(1)).startsWith("Authorised by lena, alice. Granting emergency access");
    assertThat(notes.get(2))
        .startsWith("Access granted: bruno holds emergency access")
        .contains(" until ");
    assertThat(notes.get(3)).startsWith("Revoking emergency access of bruno");
    assertThat(notes.get(4))
        .startsWith(
            "Access revoked (the 15-minute session time was up) and verified gone; 0 actions"
                + " recorded. The post-incident review is due by ");
    assertThat(notes.get(5))
        .isEqualTo("Break-glass session closed: post-incident review completed by carol.");
  }

  @Test
  void aDenialStopsTheTicketWithTheReason() {
    BreakGlassWorkflow session = declare();
    awaitPhase(session, BreakGlassPhase.AWAITING_AUTHORISATION);

    session.authorise(new Authorisation(LENA, AuthorisationDecision.DENY, "not an outage"));

    assertThat(outcomeOf(session).phase()).isEqualTo(BreakGlassPhase.DENIED);
    assertThat(tickets.states()).containsExactly(TicketState.IN_PROGRESS, TicketState.STOPPED);
    assertThat(tickets.delivered().get(1).note())
        .isEqualTo("Break-glass session ended DENIED: denied by lena.");
  }

  @Test
  void anUnreachableTicketSystemHoldsUpNoStep() {
    tickets.goDown();
    BreakGlassWorkflow session = declare();

    BreakGlassOutcome outcome = authoriseRunOutAndReview(session);

    assertThat(outcome.phase()).isEqualTo(BreakGlassPhase.CLOSED);
    assertThat(grants.find(WORKFLOW_ID)).isEmpty();
    assertThat(tickets.delivered()).isEmpty();
    assertThat(tickets.calls())
        .as("every update was tried up to its limit, one after the other")
        .isEqualTo(6 * TicketWriteBack.MAX_ATTEMPTS);
  }

  /** Authorises, lets the 15 minutes run out (checking the revocation is on time), reviews. */
  private BreakGlassOutcome authoriseRunOutAndReview(BreakGlassWorkflow session) {
    awaitPhase(session, BreakGlassPhase.AWAITING_AUTHORISATION);
    session.authorise(approve(LENA));
    session.authorise(approve(ALICE));
    AccessGrant grant = awaitPhase(session, BreakGlassPhase.ACTIVE).grant();
    env.sleep(Duration.ofMinutes(15).plusSeconds(1));
    BreakGlassState revoked = awaitPhase(session, BreakGlassPhase.AWAITING_REVIEW);
    assertThat(revoked.revokedAt())
        .as("revoked on time")
        .isBetween(grant.expiresAt(), grant.expiresAt().plusSeconds(2));
    session.completeReview(new Review(CAROL, "access used to re-enable the TDE key only"));
    return outcomeOf(session);
  }

  private BreakGlassWorkflow declare() {
    BreakGlassWorkflow session =
        client.newWorkflowStub(
            BreakGlassWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WORKFLOW_ID)
                .setTaskQueue(TaskQueues.CEREMONIES)
                .build());
    WorkflowClient.start(
        session::run,
        new BreakGlassDeclaration(
            INCIDENT, BreakGlassScope.ofKeys(List.of(ORDERS)), REASON, null, BRUNO, SOL));
    return session;
  }

  private BreakGlassState awaitPhase(BreakGlassWorkflow session, BreakGlassPhase phase) {
    BreakGlassState state = session.state();
    for (int i = 0; i < 200 && state.phase() != phase; i++) {
      env.sleep(Duration.ofMillis(50));
      state = session.state();
    }
    assertThat(state.phase()).isEqualTo(phase);
    return state;
  }

  private static Authorisation approve(Actor approver) {
    return new Authorisation(approver, AuthorisationDecision.APPROVE, "outage confirmed");
  }

  private static BreakGlassOutcome outcomeOf(BreakGlassWorkflow session) {
    return WorkflowStub.fromTyped(session).getResult(BreakGlassOutcome.class);
  }
}
