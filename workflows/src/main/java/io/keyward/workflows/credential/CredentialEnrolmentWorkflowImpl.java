package io.keyward.workflows.credential;

import static io.keyward.workflows.ceremony.WorkflowClock.now;
import static io.keyward.workflows.common.KeywardSearchAttributes.KIND;
import static io.keyward.workflows.common.KeywardSearchAttributes.PHASE;

import io.keyward.workflows.ceremony.CeremonyRecord;
import io.keyward.workflows.ceremony.CeremonyVisibility;
import io.keyward.workflows.ceremony.UpdateRefusals;
import io.keyward.workflows.webauthn.CredentialActivities;
import io.keyward.workflows.webauthn.HeldCredentials;
import io.keyward.workflows.webauthn.PersonCredential;
import io.keyward.workflows.webauthn.SignedDecisions;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;

/**
 * A credential's enrolment as a workflow: recorded, then a security team lead who is not its person
 * approves (ACTIVE) or refuses it (REVOKED); nobody deciding in time refuses it too.
 */
public class CredentialEnrolmentWorkflowImpl implements CredentialEnrolmentWorkflow {
  private final CredentialActivities credentials =
      Workflow.newActivityStub(CredentialActivities.class, SignedDecisions.CREDENTIAL_READS);
  private final EnrolmentRequest request;
  private final CredentialEnrolment enrolment;
  private final CeremonyRecord record;
  private boolean requestRecorded;

  @WorkflowInit
  public CredentialEnrolmentWorkflowImpl(EnrolmentRequest request) {
    this.request = request;
    this.enrolment = new CredentialEnrolment(request);
    this.record = new CeremonyRecord(enrolment::record);
  }

  @Override
  public EnrolmentState run(EnrolmentRequest request) {
    record.step(
        request.person().id(),
        "REGISTERED",
        "security key " + HeldCredentials.shortId(request.credentialId()),
        "CREDENTIAL_ENROLMENT_REQUESTED",
        EnrolmentMessages.requested(request));
    requestRecorded = true;
    enrolment.open(now().plus(request.timeout()));
    publish();
    boolean decided =
        Workflow.await(request.timeout(), () -> UpdateRefusals.settled(enrolment.decided()));
    if (!decided) {
      settle(false, null, EnrolmentPhase.EXPIRED, "no security team lead decided in time");
    }
    return enrolment.snapshot();
  }

  @Override
  public EnrolmentState decide(EnrolmentDecision decision) {
    Workflow.await(() -> requestRecorded);
    enrolment.apply(decision, now());
    if (enrolment.approved()) {
      settle(true, decision.actor().id(), EnrolmentPhase.ACTIVE, decision.reason());
    } else {
      settle(false, decision.actor().id(), EnrolmentPhase.REFUSED, decision.reason());
    }
    return enrolment.snapshot();
  }

  @Override
  public void validateDecide(EnrolmentDecision decision) {
    UpdateRefusals.refuseIfPresent(enrolment.refusalFor(decision));
  }

  @Override
  public EnrolmentState state() {
    return enrolment.snapshot();
  }

  private void settle(boolean approved, String by, EnrolmentPhase last, String reason) {
    PersonCredential stored =
        credentials.settleEnrolment(request.credentialId(), approved, by, now());
    enrolment.finish(last);
    record.step(
        by,
        approved ? "CREDENTIAL_ACTIVATED" : "CREDENTIAL_REFUSED",
        reason == null ? last.name() : reason,
        approved ? "CREDENTIAL_ACTIVATED" : "CREDENTIAL_REFUSED",
        EnrolmentMessages.settled(stored, reason));
    publish();
  }

  private void publish() {
    CeremonyVisibility.publish(
        EnrolmentMessages.summary(request, enrolment.phase()),
        List.of(
            SearchAttributeUpdate.valueSet(KIND, CredentialEnrolmentStartOptions.KIND),
            SearchAttributeUpdate.valueSet(PHASE, enrolment.phase().name()),
            CeremonyVisibility.awaiting(
                enrolment.phase().isFinal() ? List.of() : CredentialEnrolment.APPROVERS)));
  }
}
