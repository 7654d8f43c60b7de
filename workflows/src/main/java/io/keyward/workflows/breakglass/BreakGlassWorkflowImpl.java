package io.keyward.workflows.breakglass;

import static io.keyward.workflows.ceremony.IdempotencyKeys.subject;
import static io.keyward.workflows.ceremony.UpdateRefusals.refuseIfPresent;
import static io.keyward.workflows.ceremony.UpdateRefusals.settled;
import static io.keyward.workflows.ceremony.WorkflowClock.now;
import static io.keyward.workflows.common.KeywardSearchAttributes.INCIDENT;
import static io.keyward.workflows.common.KeywardSearchAttributes.KEY_NAME;
import static io.keyward.workflows.common.KeywardSearchAttributes.KIND;
import static io.keyward.workflows.common.KeywardSearchAttributes.PHASE;

import io.keyward.workflows.ceremony.ActivityFailures;
import io.keyward.workflows.ceremony.CeremonyNotifier;
import io.keyward.workflows.ceremony.CeremonyRecord;
import io.keyward.workflows.ceremony.CeremonyVisibility;
import io.keyward.workflows.common.CeremonyActivityOptions;
import io.keyward.workflows.common.ResetRuns;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.incident.IncidentActivityOptions;
import io.keyward.workflows.register.RegisterSteps;
import io.keyward.workflows.servicenow.TicketWriteBack;
import io.keyward.workflows.webauthn.DecisionChallenge;
import io.keyward.workflows.webauthn.SignedDecisions;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runbook 8.3 as a workflow: scope assessed, authorised per level, access granted for at most its
 * duration and revoked automatically, every action recorded, post-incident review. Who may do what
 * lives in {@link BreakGlassSession}, what the session says in {@link BreakGlassMessages}.
 */
public class BreakGlassWorkflowImpl implements BreakGlassWorkflow {
  /**
   * The change id under which level 2 and 3 authorisations carry the approver's assertion
   * (VERSIONS.md).
   */
  static final String SIGNED_AUTHORISATIONS = "break-glass-l2-l3-signed-by-authenticator";

  private final ScopeLookup scope =
      new ScopeLookup(
          Workflow.newActivityStub(
              KeyProviderActivities.class, CeremonyActivityOptions.KEY_OPERATIONS),
          new RegisterSteps());
  private final AccessGrantActivities granting =
      Workflow.newActivityStub(AccessGrantActivities.class, IncidentActivityOptions.GRANT);
  private final AccessGrantActivities revoking =
      Workflow.newActivityStub(AccessGrantActivities.class, IncidentActivityOptions.REVOCATION);
  private final BreakGlassDeclaration declaration;
  private final BreakGlassSession session;
  private final CeremonyRecord record;
  private final CeremonyNotifier notifier;
  private final TicketWriteBack ticket;
  private final SignedDecisions signed =
      new SignedDecisions(SIGNED_AUTHORISATIONS, "a level 2 or 3 break-glass authorisation");

  /** Builds the state before any Update is delivered, so the first authorisation finds it. */
  @WorkflowInit
  public BreakGlassWorkflowImpl(BreakGlassDeclaration declaration) {
    this.declaration = declaration;
    this.session = new BreakGlassSession(declaration);
    this.record = new CeremonyRecord(session::record);
    this.notifier = new CeremonyNotifier(record);
    this.ticket = new TicketWriteBack(declaration.incident().value(), declaration.ticketBinding());
  }

  @Override
  public BreakGlassOutcome run(BreakGlassDeclaration declaration) {
    publishPhase();
    String refusal = BreakGlassRoles.refusalFor(declaration).orElse(null);
    if (refusal != null) {
      finish(BreakGlassPhase.FAILED, refusal);
      ticket.awaitDelivered();
      throw ApplicationFailure.newNonRetryableFailure(refusal, "PolicyViolation");
    }
    record.step(
        declaration.declarer().id(),
        "DECLARED",
        declaration.reason(),
        "BREAK_GLASS_DECLARED",
        BreakGlassMessages.declarationDetails(declaration));

    BreakGlassOutcome outcome = sessionOutcome();
    notifier.awaitDelivered();
    Workflow.await(Workflow::isEveryHandlerFinished);
    ticket.awaitDelivered();
    return outcome;
  }

  private BreakGlassOutcome sessionOutcome() {
    // The scope decides the level of authorisation (L1, L2 for ULTRA keys, L3 for a root CA).
    ScopeAssessment assessment;
    try {
      assessment = scope.assess(declaration.scope());
    } catch (ActivityFailure failure) {
      return finish(
          BreakGlassPhase.FAILED,
          "the keys in scope could not be read: " + ActivityFailures.describe(failure));
    } catch (ScopeLookup.ScopeNotFound missing) {
      return finish(BreakGlassPhase.FAILED, missing.getMessage());
    }
    session.assessed(assessment);
    record.step(
        "SCOPE_ASSESSED",
        assessment.reason(),
        "BREAK_GLASS_SCOPE_ASSESSED",
        BreakGlassMessages.assessmentDetails(assessment));
    assessment
        .mismatches()
        .forEach(mismatch -> record.timeline(null, "REGISTER_MISMATCH", mismatch));
    signed.choose(signedLevel());
    signed.load();
    enter(
        BreakGlassPhase.AWAITING_AUTHORISATION, now().plus(BreakGlassSession.AUTHORISATION_WINDOW));
    notifier.send(BreakGlassMessages.declared(declaration, assessment, subject()));

    if (!Workflow.await(
        BreakGlassSession.AUTHORISATION_WINDOW,
        () -> settled(session.authorised() || session.denied()))) {
      return finish(
          BreakGlassPhase.EXPIRED,
          "not authorised within "
              + BreakGlassSession.AUTHORISATION_WINDOW.toMinutes()
              + " minutes; no access was granted");
    }
    if (session.denied()) {
      return finish(BreakGlassPhase.DENIED, "denied by " + session.deniedBy());
    }

    // Access for the declared duration at most, revoked when it is up or ended early.
    enter(BreakGlassPhase.GRANTING, null);
    AccessGrant grant;
    try {
      grant =
          granting.grant(
              session.accessToGrant(
                  subject(), now(), ResetRuns.resetOf(Workflow.getInfo()).orElse(null)));
    } catch (ActivityFailure failure) {
      return finish(
          BreakGlassPhase.FAILED,
          "access could not be granted: " + ActivityFailures.describe(failure));
    }
    session.granted(grant);
    record.step(
        "ACCESS_GRANTED",
        "to " + grant.holder() + " until " + grant.expiresAt(),
        "BREAK_GLASS_ACCESS_GRANTED",
        BreakGlassMessages.grantDetails(grant).build());
    enter(BreakGlassPhase.ACTIVE, grant.expiresAt());
    notifier.send(BreakGlassMessages.granted(declaration, grant, subject()));

    Duration left = Duration.between(now(), grant.expiresAt());
    boolean endedEarly =
        !left.isNegative()
            && !left.isZero()
            && Workflow.await(left, () -> settled(session.endRequested()));
    revoke(grant, BreakGlassMessages.revocationReason(declaration, endedEarly, session.endedBy()));

    // The post-incident review, escalated when it is overdue.
    Instant due = now().plus(BreakGlassSession.REVIEW_WITHIN);
    enter(BreakGlassPhase.AWAITING_REVIEW, due);
    notifier.send(
        BreakGlassMessages.reviewDue(declaration, grant, session.actionCount(), due, subject()));
    if (!Workflow.await(BreakGlassSession.REVIEW_WITHIN, () -> settled(session.reviewed()))) {
      escalateReview();
      Workflow.await(() -> settled(session.reviewed()));
    }
    return finish(
        BreakGlassPhase.CLOSED, "post-incident review completed by " + session.reviewer());
  }

  private void revoke(AccessGrant grant, String why) {
    enter(BreakGlassPhase.REVOKING, null);
    Revocation revocation = revoking.revoke(grant.grantId());
    Instant at = now();
    session.revoked(revocation, at, why);
    record.step(
        "ACCESS_REVOKED",
        why + "; verified gone from the grant store",
        "BREAK_GLASS_ACCESS_REVOKED",
        BreakGlassMessages.revocationDetails(grant, why, at, revocation, session.actionCount()));
    notifier.send(BreakGlassMessages.revoked(declaration, grant, why, subject()));
  }

  private void escalateReview() {
    enter(BreakGlassPhase.REVIEW_OVERDUE, null);
    String target = BreakGlassMessages.reviewEscalation();
    record.step(
        "REVIEW_OVERDUE",
        "escalated to " + target,
        "BREAK_GLASS_REVIEW_OVERDUE",
        Map.of("escalatedTo", target, "incident", declaration.incident().value()));
    notifier.send(BreakGlassMessages.reviewOverdue(declaration, subject()));
  }

  @Override
  public BreakGlassState authorise(Authorisation authorisation) {
    String step = step(authorisation);
    // The store is read in between: the session may have moved on meanwhile.
    signed.confirmOrRefuse(
        signedLevel(),
        authorisation.actor().id(),
        step,
        authorisation.reason(),
        authorisation.assertion(),
        () -> session.refusalFor(authorisation));
    session.apply(authorisation, now());
    Map<String, String> details =
        new LinkedHashMap<>(
            BreakGlassMessages.authorisationDetails(authorisation, session.assessment()));
    details.putAll(signed.auditDetails(step, authorisation.assertion()));
    record.audit(
        "BREAK_GLASS_" + authorisation.decision().name(), authorisation.actor().id(), details);
    publishPhase();
    return session.snapshot();
  }

  @Override
  public void validateAuthorise(Authorisation authorisation) {
    Optional<String> refusal = session.refusalFor(authorisation);
    if (refusal.isEmpty()) {
      refusal =
          signed.refusalFor(
              signedLevel(),
              authorisation.actor().id(),
              step(authorisation),
              authorisation.reason(),
              authorisation.assertion());
    }
    refuseIfPresent(refusal);
  }

  /** Level 2 and 3 authorisations are signed by the approver's own security key; level 1 not. */
  private boolean signedLevel() {
    return session.assessment() != null && session.assessment().level() != BreakGlassLevel.L1;
  }

  /** The step an authorisation answers, as its challenge names it. */
  private String step(Authorisation authorisation) {
    return DecisionChallenge.step(authorisation.decision().name(), session.phase().name());
  }

  @Override
  public BreakGlassState recordAction(SessionAction action) {
    RecordedAction recorded = session.apply(action, now());
    record.audit(
        "BREAK_GLASS_ACTION",
        recorded.actor(),
        BreakGlassMessages.actionDetails(recorded, session.grant()));
    return session.snapshot();
  }

  @Override
  public void validateRecordAction(SessionAction action) {
    refuseIfPresent(session.refusalFor(action, now()));
  }

  @Override
  public BreakGlassState end(EndRequest request) {
    session.apply(request, now());
    record.audit(
        "BREAK_GLASS_END_REQUESTED", request.actor().id(), BreakGlassMessages.endDetails(request));
    return session.snapshot();
  }

  @Override
  public void validateEnd(EndRequest request) {
    refuseIfPresent(session.refusalFor(request));
  }

  @Override
  public BreakGlassState completeReview(Review review) {
    session.apply(review, now());
    record.audit(
        "BREAK_GLASS_REVIEWED",
        review.actor().id(),
        BreakGlassMessages.reviewDetails(session.snapshot()));
    return session.snapshot();
  }

  @Override
  public void validateCompleteReview(Review review) {
    refuseIfPresent(session.refusalFor(review));
  }

  @Override
  public BreakGlassState state() {
    return session.snapshot();
  }

  private void enter(BreakGlassPhase next, Instant deadline) {
    session.moveTo(next, deadline);
    publishPhase();
    writeToTicket();
  }

  /** Writes the phase to the incident's ticket without waiting for the ticket system. */
  private void writeToTicket() {
    BreakGlassTicketNotes.forState(session.snapshot())
        .ifPresent(note -> ticket.post(note.state(), note.text()));
  }

  private BreakGlassOutcome finish(BreakGlassPhase last, String reason) {
    session.finish(last, reason);
    publishPhase();
    record.step(last.name(), reason, "BREAK_GLASS_" + last.name(), Map.of("reason", reason));
    writeToTicket();
    return new BreakGlassOutcome(last, reason, session.actionCount(), session.revokedAt());
  }

  private void publishPhase() {
    BreakGlassState state = session.snapshot();
    CeremonyVisibility.publish(
        BreakGlassMessages.summary(declaration, state),
        List.of(
            SearchAttributeUpdate.valueSet(KIND, BreakGlassStartOptions.KIND),
            SearchAttributeUpdate.valueSet(PHASE, state.phase().name()),
            SearchAttributeUpdate.valueSet(INCIDENT, declaration.incident().value()),
            SearchAttributeUpdate.valueSet(KEY_NAME, declaration.scope().searchKeyName()),
            CeremonyVisibility.awaiting(state.awaitingRoles())));
  }
}
