package io.keyward.workflows.credential;

import static io.keyward.workflows.testing.People.LENA;
import static io.keyward.workflows.testing.People.OLIVIA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.testing.HistoryRecorder;
import io.keyward.workflows.testing.InMemoryCredentials;
import io.keyward.workflows.testing.PeopleKeys;
import io.keyward.workflows.testing.RecordingAudit;
import io.keyward.workflows.testing.SoftwareAuthenticator;
import io.keyward.workflows.testing.WorkflowTestServer;
import io.keyward.workflows.webauthn.AuditedAssertions;
import io.keyward.workflows.webauthn.CredentialState;
import io.keyward.workflows.webauthn.HeldCredentials;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Enrolling a security key is dual control: a security team lead who is not its person approves it
 * with the lead's own enrolled security key, or refuses it; nobody deciding in time refuses it too.
 */
class CredentialEnrolmentWorkflowTest {
  private static final Actor LEAD_OWN = new Actor("lea", Set.of(Role.SECURITY_TEAM_LEAD));

  @RegisterExtension
  static final WorkflowTestServer server = WorkflowTestServer.withKeywardSearchAttributes();

  private final PeopleKeys people = new PeopleKeys().enrol(LENA);
  private final InMemoryCredentials credentials = people.credentials();
  private RecordingAudit audit;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void startWorker() {
    env = server.env();
    audit = new RecordingAudit();
    server.startWorker(
        worker -> {
          worker.registerWorkflowImplementationTypes(CredentialEnrolmentWorkflowImpl.class);
          worker.registerActivitiesImplementations(credentials, audit);
        });
    client = env.getWorkflowClient();
  }

  @Test
  void aLeadWhoIsNotThePersonApprovesTheKeyAndItBecomesActive() {
    CredentialEnrolmentWorkflow enrolment = enrol(OLIVIA, "cred-approved");

    assertRefused(enrolment, decision(OLIVIA, EnrolmentDecisionType.APPROVE), "cannot approve it");
    EnrolmentState state = enrolment.decide(signedApproval(LENA, "cred-approved"));

    assertThat(state.phase()).isEqualTo(EnrolmentPhase.ACTIVE);
    assertThat(state.decidedBy()).isEqualTo("lena");
    assertThat(credentials.settled("cred-approved").state()).isEqualTo(CredentialState.ACTIVE);
    assertThat(WorkflowStub.fromTyped(enrolment).getResult(EnrolmentState.class).phase())
        .isEqualTo(EnrolmentPhase.ACTIVE);
    assertThat(audit.types())
        .containsSubsequence("CREDENTIAL_ENROLMENT_REQUESTED", "CREDENTIAL_ACTIVATED");
    assertThat(AuditedAssertions.verify(audit.events(), people::stored))
        .as("verify-audit's check: the lead's approval verifies again from the trail")
        .isEmpty();
    assertThat(AuditedAssertions.signed(audit.events()))
        .singleElement()
        .satisfies(e -> assertThat(e.type()).isEqualTo("CREDENTIAL_ACTIVATED"));
    HistoryRecorder.saveIfAsked(
        client,
        EnrolmentRequest.workflowId("cred-approved"),
        "credential-enrolment-approved-signed");
  }

  @Test
  void refusesALeadsApprovalThatTheLeadsOwnKeyDidNotSignForThisKey() {
    CredentialEnrolmentWorkflow enrolment = enrol(OLIVIA, "cred-target");
    enrol(OLIVIA, "cred-other");

    assertRefused(
        enrolment,
        decision(LENA, EnrolmentDecisionType.APPROVE),
        "a security team lead's approval of a security key must be signed by the decider's own"
            + " security key: "
            + HeldCredentials.WHERE_TO_DECIDE
            + ", /ui/security-keys");
    EnrolmentDecision replayed =
        new EnrolmentDecision(
            LENA,
            EnrolmentDecisionType.APPROVE,
            "checked in person",
            people.sign(
                client,
                LENA,
                EnrolmentRequest.workflowId("cred-other"),
                "APPROVE",
                EnrolmentPhase.AWAITING_APPROVAL.name(),
                "checked in person"));
    assertRefused(enrolment, replayed, "the security key signed another decision");
    assertThat(enrolment.state().phase()).isEqualTo(EnrolmentPhase.AWAITING_APPROVAL);
  }

  @Test
  void aLeadWithoutAnEnrolledKeyCannotApproveButMayRefuse() {
    Actor tara = new Actor("tara", Set.of(Role.SECURITY_TEAM_LEAD));
    CredentialEnrolmentWorkflow enrolment = enrol(OLIVIA, "cred-unsigned-lead");
    SoftwareAuthenticator unenrolled = SoftwareAuthenticator.of("tara");
    String workflowId = EnrolmentRequest.workflowId("cred-unsigned-lead");

    assertRefused(
        enrolment,
        new EnrolmentDecision(
            tara,
            EnrolmentDecisionType.APPROVE,
            null,
            unenrolled.sign(
                workflowId,
                PeopleKeys.runIdOf(client, workflowId),
                "APPROVE@AWAITING_APPROVAL",
                null)),
        "is not an enrolled, approved and unrevoked credential");
    EnrolmentState refused =
        enrolment.decide(new EnrolmentDecision(tara, EnrolmentDecisionType.REFUSE, "not her key"));

    assertThat(refused.phase()).isEqualTo(EnrolmentPhase.REFUSED);
  }

  @Test
  void refusesALeadApprovingTheirOwnKeyAndSomeoneWhoIsNotALead() {
    CredentialEnrolmentWorkflow enrolment = enrol(LEAD_OWN, "cred-lead");

    assertRefused(
        enrolment, decision(LEAD_OWN, EnrolmentDecisionType.APPROVE), "cannot approve it");
    assertRefused(
        enrolment, decision(OLIVIA, EnrolmentDecisionType.APPROVE), "is not a security team lead");
    assertRefused(
        enrolment,
        new EnrolmentDecision(LENA, EnrolmentDecisionType.REFUSE, " "),
        "needs a reason");
    assertThat(enrolment.state().phase()).isEqualTo(EnrolmentPhase.AWAITING_APPROVAL);
  }

  @Test
  void aKeyNobodyApprovesInTimeIsRefused() {
    CredentialEnrolmentWorkflow enrolment = enrol(OLIVIA, "cred-expired");

    env.sleep(EnrolmentRequest.DEFAULT_TIMEOUT.plus(Duration.ofMinutes(1)));

    assertThat(WorkflowStub.fromTyped(enrolment).getResult(EnrolmentState.class).phase())
        .isEqualTo(EnrolmentPhase.EXPIRED);
    assertThat(credentials.settled("cred-expired").state()).isEqualTo(CredentialState.REVOKED);
    HistoryRecorder.saveIfAsked(
        client, EnrolmentRequest.workflowId("cred-expired"), "credential-enrolment-expired");
  }

  private CredentialEnrolmentWorkflow enrol(Actor person, String credentialId) {
    EnrolmentRequest request = new EnrolmentRequest(person, credentialId, null);
    CredentialEnrolmentWorkflow enrolment =
        client.newWorkflowStub(
            CredentialEnrolmentWorkflow.class,
            CredentialEnrolmentStartOptions.of(request, TaskQueues.CEREMONIES));
    WorkflowClient.start(enrolment::run, request);
    for (int i = 0; i < 200 && enrolment.state().deadline() == null; i++) {
      env.sleep(Duration.ofMillis(50));
    }
    assertThat(enrolment.state().deadline()).as("the enrolment opened").isNotNull();
    return enrolment;
  }

  private EnrolmentDecision signedApproval(Actor lead, String credentialId) {
    return new EnrolmentDecision(
        lead,
        EnrolmentDecisionType.APPROVE,
        "checked in person",
        people.sign(
            client,
            lead,
            EnrolmentRequest.workflowId(credentialId),
            "APPROVE",
            EnrolmentPhase.AWAITING_APPROVAL.name(),
            "checked in person"));
  }

  private static EnrolmentDecision decision(Actor who, EnrolmentDecisionType type) {
    return new EnrolmentDecision(who, type, "checked in person");
  }

  private static void assertRefused(
      CredentialEnrolmentWorkflow enrolment, EnrolmentDecision decision, String why) {
    assertThatThrownBy(() -> enrolment.decide(decision))
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .hasMessageContaining(why);
  }
}
