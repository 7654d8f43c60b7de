package io.keyward.workflows.credential;

import static io.keyward.workflows.ceremony.WorkflowClock.now;
import static io.keyward.workflows.common.KeywardSearchAttributes.KIND;
import static io.keyward.workflows.common.KeywardSearchAttributes.PHASE;

import io.keyward.workflows.ceremony.CeremonyRecord;
import io.keyward.workflows.ceremony.CeremonyVisibility;
import io.keyward.workflows.ceremony.UpdateRefusals;
import io.keyward.workflows.webauthn.CredentialActivities;
import io.keyward.workflows.webauthn.DecisionChallenge;
import io.keyward.workflows.webauthn.HeldCredentials;
import io.keyward.workflows.webauthn.PersonCredential;
import io.keyward.workflows.webauthn.SignedDecisions;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A credential's enrolment as a workflow: recorded, then a security team lead who is not its person
 * approves (ACTIVE) or refuses it (REVOKED); nobody deciding in time refuses it too.
 */
public class CredentialEnrolmentWorkflowImpl implements CredentialEnrolmentWorkflow {
  /** The change id under which a lead's approval carries the lead's own assertion (VERSIONS.md). */
  static final String SIGNED_APPROVALS = "enrolment-approvals-signed-by-lead-authenticator";

  private final CredentialActivities credentials =
      Workflow.newActivityStub(CredentialActivities.class, SignedDecisions.CREDENTIAL_READS);
  private final EnrolmentRequest request;
  private final CredentialEnrolment enrolment;
  private final CeremonyRecord record;
  private final SignedDecisions signed =
      new SignedDecisions(SIGNED_APPROVALS, "a security team lead's approval of a security key");
  private boolean requestRecorded;

  @WorkflowInit
  public CredentialEnrolmentWorkflowImpl(EnrolmentRequest request) {
    this.request = request;
    this.enrolment = new CredentialEnrolment(request);
    this.record = new CeremonyRecord(enrolment::record);
  }

  @Override
  public EnrolmentState run(EnrolmentRequest request) {
    signed.choose(true);
    record.step(
        request.person().id(),
        "REGISTERED",
        "security key " + HeldCredentials.shortId(request.credentialId()),
        "CREDENTIAL_ENROLMENT_REQUESTED",
        EnrolmentMessages.requested(request));
    signed.load();
    requestRecorded = true;
    enrolment.open(now().plus(request.timeout()));
    publish();
    boolean decided =
        Workflow.await(request.timeout(), () -> UpdateRefusals.settled(enrolment.decided()));
    if (!decided) {
      settle(
          false, null, EnrolmentPhase.EXPIRED, "no security team lead decided in time", Map.of());
    }
    return enrolment.snapshot();
  }

  @Override
  public EnrolmentState decide(EnrolmentDecision decision) {
    Workflow.await(() -> requestRecorded);
    String step = step(decision);
    // The store is read in between: another lead may have decided meanwhile.
    signed.confirmOrRefuse(
        signs(decision),
        decision.actor().id(),
        step,
        decision.reason(),
        decision.assertion(),
        () -> enrolment.refusalFor(decision));
    enrolment.apply(decision, now());
    if (enrolment.approved()) {
      settle(
          true,
          decision.actor().id(),
          EnrolmentPhase.ACTIVE,
          decision.reason(),
          signed.auditDetails(step, decision.assertion()));
    } else {
      settle(false, decision.actor().id(), EnrolmentPhase.REFUSED, decision.reason(), Map.of());
    }
    return enrolment.snapshot();
  }

  @Override
  public void validateDecide(EnrolmentDecision decision) {
    Optional<String> refusal = enrolment.refusalFor(decision);
    if (refusal.isEmpty()) {
      refusal =
          signed.refusalFor(
              signs(decision),
              decision.actor().id(),
              step(decision),
              decision.reason(),
              decision.assertion());
    }
    UpdateRefusals.refuseIfPresent(refusal);
  }

  /**
   * An approval makes a credential that signs decisions, so the lead's own key signs it; a refusal
   * grants nothing and is taken as it is.
   */
  private static boolean signs(EnrolmentDecision decision) {
    return decision.type() == EnrolmentDecisionType.APPROVE;
  }

  /** The step a decision answers, as its challenge names it. */
  private String step(EnrolmentDecision decision) {
    return DecisionChallenge.step(decision.type().name(), EnrolmentPhase.AWAITING_APPROVAL.name());
  }

  @Override
  public EnrolmentState state() {
    return enrolment.snapshot();
  }

  private void settle(
      boolean approved,
      String by,
      EnrolmentPhase last,
      String reason,
      Map<String, String> assertion) {
    PersonCredential stored =
        credentials.settleEnrolment(request.credentialId(), approved, by, now());
    enrolment.finish(last);
    Map<String, String> details = new LinkedHashMap<>(EnrolmentMessages.settled(stored, reason));
    details.putAll(assertion);
    record.step(
        by,
        approved ? "CREDENTIAL_ACTIVATED" : "CREDENTIAL_REFUSED",
        reason == null ? last.name() : reason,
        approved ? "CREDENTIAL_ACTIVATED" : "CREDENTIAL_REFUSED",
        details);
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
