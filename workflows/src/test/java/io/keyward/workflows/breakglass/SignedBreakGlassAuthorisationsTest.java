package io.keyward.workflows.breakglass;

import static io.keyward.workflows.breakglass.BreakGlassCast.BRUNO;
import static io.keyward.workflows.breakglass.BreakGlassCast.SOL;
import static io.keyward.workflows.testing.People.ALICE;
import static io.keyward.workflows.testing.People.CAROL;
import static io.keyward.workflows.testing.People.LENA;
import static io.keyward.workflows.testing.People.TOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.incident.CallLog;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.incident.LoggedAudit;
import io.keyward.workflows.incident.LoggedKeyProvider;
import io.keyward.workflows.incident.SearchAttributesForTests;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.testing.HistoryRecorder;
import io.keyward.workflows.testing.InMemoryRegister;
import io.keyward.workflows.testing.PeopleKeys;
import io.keyward.workflows.testing.RecordingNotifications;
import io.keyward.workflows.testing.SoftwareAuthenticator;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Level 2 and 3 break-glass authorisations signed by the approver's own security key: the workflow
 * verifies each assertion in its validator and refuses one that is missing, made for another
 * session or step, from a key not enrolled or revoked, or from a clone whose counter did not rise.
 * Level 1 is authorised as before, unsigned.
 */
class SignedBreakGlassAuthorisationsTest {
  private static final KeyRef ORDERS = new KeyRef("kv-orders-prod", "orders-tde");
  private static final KeyRef VAULT_KEY = new KeyRef("kv-ultra-prod", "payments-master");
  private static final String REASON = "payments down, CISO on the bridge";

  @RegisterExtension
  static final WorkflowTestServer server =
      WorkflowTestServer.of(SearchAttributesForTests::newEnvironment);

  private final InMemoryRegister register = new InMemoryRegister();
  private final PeopleKeys people = new PeopleKeys().enrol(CAROL, TOM, LENA);
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private LoggedAudit audit;

  @BeforeEach
  void startWorker() {
    env = server.env();
    CallLog log = new CallLog();
    LoggedKeyProvider keys = new LoggedKeyProvider(log);
    audit = new LoggedAudit(log);
    keys.existing(ORDERS, Map.of("Classification", "CONFIDENTIAL"));
    keys.existing(VAULT_KEY, Map.of("Classification", "ULTRA"));
    register
        .register(ORDERS, Classification.CONFIDENTIAL, KeyUsage.DATABASE_TDE, ALICE.id())
        .register(VAULT_KEY, Classification.ULTRA, KeyUsage.APPLICATION, ALICE.id());
    client = env.getWorkflowClient();
    server.startWorker(
        worker -> {
          worker.registerWorkflowImplementationTypes(BreakGlassWorkflowImpl.class);
          worker.registerActivitiesImplementations(
              register.activities(),
              keys,
              new InMemoryAccessGrants(log),
              audit,
              new RecordingNotifications(log),
              people.credentials());
        });
  }

  @Test
  void aLevelTwoSessionIsAuthorisedWithBothApprovalsSignedAndReviewed() {
    IncidentId incident = new IncidentId("INC-L2-SIGNED");
    BreakGlassWorkflow session = declare(incident, VAULT_KEY);
    awaitAuthorisation(session);

    session.authorise(approval(incident, CAROL, REASON));
    session.authorise(approval(incident, TOM, null));
    awaitPhase(session, BreakGlassPhase.ACTIVE);
    session.end(new EndRequest(BRUNO, "payments restored"));
    awaitPhase(session, BreakGlassPhase.AWAITING_REVIEW);
    session.completeReview(new Review(LENA, "two reads, both declared"));

    BreakGlassOutcome outcome = WorkflowStub.fromTyped(session).getResult(BreakGlassOutcome.class);
    assertThat(outcome.phase()).isEqualTo(BreakGlassPhase.CLOSED);
    assertThat(audit.events())
        .filteredOn(e -> e.type().equals("BREAK_GLASS_APPROVE"))
        .hasSize(2)
        .allSatisfy(
            e ->
                assertThat(e.details())
                    .containsKeys(
                        AssertionAudit.CREDENTIAL_ID,
                        AssertionAudit.SIGNATURE,
                        AssertionAudit.RUN_ID,
                        AssertionAudit.STEP));
    assertThat(people.credentials().signCount(people.of(CAROL).credentialId())).isEqualTo(1);
    assertThat(AuditedAssertions.verify(audit.events(), people::stored))
        .as("verify-audit's check: both authorisations verify again from the trail")
        .isEmpty();
    HistoryRecorder.saveIfAsked(
        client, BreakGlassDeclaration.workflowId(incident), "breakglass-l2-signed-reviewed");
  }

  @Test
  void aLevelOneSessionIsAuthorisedUnsignedAsBefore() {
    IncidentId incident = new IncidentId("INC-L1-UNSIGNED");
    BreakGlassWorkflow session = declare(incident, ORDERS);
    awaitAuthorisation(session);

    session.authorise(new Authorisation(LENA, AuthorisationDecision.APPROVE, null));
    session.authorise(new Authorisation(ALICE, AuthorisationDecision.APPROVE, null));

    awaitPhase(session, BreakGlassPhase.ACTIVE);
  }

  @Test
  void refusesALevelTwoApprovalWithoutAnAssertionAndNamesThePage() {
    IncidentId incident = new IncidentId("INC-L2-NONE");
    BreakGlassWorkflow session = declare(incident, VAULT_KEY);
    awaitAuthorisation(session);

    assertRefused(
        session,
        new Authorisation(CAROL, AuthorisationDecision.APPROVE, REASON),
        "a level 2 or 3 break-glass authorisation must be signed by the decider's own security"
            + " key: "
            + HeldCredentials.WHERE_TO_DECIDE
            + ", /ui/break-glass/INC-L2-NONE");
    assertThat(session.state().approvals()).isEmpty();
  }

  @Test
  void refusesAnAssertionMadeForAnotherSessionOrStepOrReason() {
    IncidentId target = new IncidentId("INC-L2-TARGET");
    IncidentId other = new IncidentId("INC-L2-OTHER");
    BreakGlassWorkflow session = declare(target, VAULT_KEY);
    awaitAuthorisation(session);
    awaitAuthorisation(declare(other, VAULT_KEY));

    DecisionAssertion forOther = sign(other, CAROL, "APPROVE", REASON);
    DecisionAssertion forDenial = sign(target, CAROL, "DENY", REASON);
    DecisionAssertion otherReason = sign(target, CAROL, "APPROVE", "another reason");

    for (DecisionAssertion wrong : List.of(forOther, forDenial, otherReason)) {
      assertRefused(
          session,
          new Authorisation(CAROL, AuthorisationDecision.APPROVE, REASON, wrong),
          "the security key signed another decision");
    }
    assertThat(session.state().approvals()).isEmpty();
  }

  @Test
  void refusesAnUnenrolledKeyAndSomeoneElsesKey() {
    IncidentId incident = new IncidentId("INC-L2-WHOSE");
    BreakGlassWorkflow session = declare(incident, VAULT_KEY);
    awaitAuthorisation(session);
    SoftwareAuthenticator stranger = SoftwareAuthenticator.of("carol");
    String workflowId = BreakGlassDeclaration.workflowId(incident);

    assertRefused(
        session,
        new Authorisation(
            CAROL,
            AuthorisationDecision.APPROVE,
            REASON,
            stranger.sign(
                workflowId,
                PeopleKeys.runIdOf(client, workflowId),
                "APPROVE@AWAITING_AUTHORISATION",
                REASON)),
        "is not an enrolled, approved and unrevoked credential");
    assertRefused(
        session,
        new Authorisation(
            CAROL, AuthorisationDecision.APPROVE, REASON, sign(incident, TOM, "APPROVE", REASON)),
        "is not carol's own");
  }

  @Test
  void refusesARevokedKey() {
    IncidentId incident = new IncidentId("INC-L2-REVOKED");
    BreakGlassWorkflow session = declare(incident, VAULT_KEY);
    awaitAuthorisation(session);
    DecisionAssertion signed = sign(incident, CAROL, "APPROVE", REASON);

    people.credentials().revoke(people.of(CAROL).credentialId());

    assertRefused(
        session,
        new Authorisation(CAROL, AuthorisationDecision.APPROVE, REASON, signed),
        "is not an enrolled, approved and unrevoked credential");
    assertThat(session.state().approvals()).isEmpty();
  }

  @Test
  void refusesAClonedKeyWhoseCounterDidNotRise() {
    IncidentId first = new IncidentId("INC-L2-FIRST");
    IncidentId second = new IncidentId("INC-L2-CLONE");
    BreakGlassWorkflow original = declare(first, VAULT_KEY);
    BreakGlassWorkflow cloned = declare(second, VAULT_KEY);
    awaitAuthorisation(original);
    awaitAuthorisation(cloned);
    SoftwareAuthenticator clone = people.of(TOM).cloned();
    original.authorise(approval(first, TOM, REASON));

    String workflowId = BreakGlassDeclaration.workflowId(second);
    DecisionAssertion fromClone =
        clone.sign(
            workflowId,
            PeopleKeys.runIdOf(client, workflowId),
            "APPROVE@AWAITING_AUTHORISATION",
            REASON);

    assertRefused(
        cloned,
        new Authorisation(TOM, AuthorisationDecision.APPROVE, REASON, fromClone),
        "signature counter did not increase");
    assertThat(cloned.state().approvals()).isEmpty();
  }

  private Authorisation approval(IncidentId incident, Actor who, String reason) {
    return new Authorisation(
        who, AuthorisationDecision.APPROVE, reason, sign(incident, who, "APPROVE", reason));
  }

  private DecisionAssertion sign(IncidentId incident, Actor who, String decision, String reason) {
    return people.sign(
        client,
        who,
        BreakGlassDeclaration.workflowId(incident),
        decision,
        BreakGlassPhase.AWAITING_AUTHORISATION.name(),
        reason);
  }

  private BreakGlassWorkflow declare(IncidentId incident, KeyRef key) {
    BreakGlassWorkflow session =
        client.newWorkflowStub(
            BreakGlassWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(BreakGlassDeclaration.workflowId(incident))
                .setTaskQueue(TaskQueues.CEREMONIES)
                .build());
    WorkflowClient.start(
        session::run,
        new BreakGlassDeclaration(
            incident,
            BreakGlassScope.ofKeys(List.of(key)),
            "payments cannot sign: key disabled by mistake",
            Duration.ofMinutes(10),
            BRUNO,
            SOL));
    return session;
  }

  private void awaitAuthorisation(BreakGlassWorkflow session) {
    awaitPhase(session, BreakGlassPhase.AWAITING_AUTHORISATION);
  }

  private void awaitPhase(BreakGlassWorkflow session, BreakGlassPhase phase) {
    for (int i = 0; i < 200 && session.state().phase() != phase; i++) {
      env.sleep(Duration.ofMillis(50));
    }
    assertThat(session.state().phase()).isEqualTo(phase);
  }

  private static void assertRefused(
      BreakGlassWorkflow session, Authorisation authorisation, String why) {
    assertThatThrownBy(() -> session.authorise(authorisation))
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .hasMessageContaining(why);
  }
}
