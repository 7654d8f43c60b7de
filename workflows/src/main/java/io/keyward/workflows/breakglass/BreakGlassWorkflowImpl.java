package io.keyward.workflows.breakglass;

import static io.keyward.workflows.common.KeywardSearchAttributes.AWAITING_ROLES;
import static io.keyward.workflows.common.KeywardSearchAttributes.INCIDENT;
import static io.keyward.workflows.common.KeywardSearchAttributes.KEY_NAME;
import static io.keyward.workflows.common.KeywardSearchAttributes.KIND;
import static io.keyward.workflows.common.KeywardSearchAttributes.PHASE;

import io.keyward.workflows.common.CeremonyActivityOptions;
import io.keyward.workflows.common.CeremonyAudit;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.incident.Failures;
import io.keyward.workflows.incident.IncidentActivityOptions;
import io.keyward.workflows.incident.IncidentNotifier;
import io.keyward.workflows.notify.NoticeAction;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationTopic;
import io.keyward.workflows.register.RegisterLookup;
import io.keyward.workflows.register.RegisterSteps;
import io.keyward.workflows.register.RegisteredKey;
import io.keyward.workflows.servicenow.TicketWriteBack;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Runbook 8.3 as a workflow; who may do what lives in {@link BreakGlassSession}. */
public class BreakGlassWorkflowImpl implements BreakGlassWorkflow {
  /** The value of {@code KeywardKind} for break-glass sessions. */
  public static final String KIND_NAME = "BreakGlass";

  private final KeyProviderActivities keys =
      Workflow.newActivityStub(KeyProviderActivities.class, CeremonyActivityOptions.KEY_OPERATIONS);
  private final AccessGrantActivities granting =
      Workflow.newActivityStub(AccessGrantActivities.class, IncidentActivityOptions.GRANT);
  private final AccessGrantActivities revoking =
      Workflow.newActivityStub(AccessGrantActivities.class, IncidentActivityOptions.REVOCATION);
  private final CeremonyAudit audit = new CeremonyAudit();
  private final RegisterSteps register = new RegisterSteps();
  private final IncidentNotifier notifier = new IncidentNotifier(this::notificationFailed);
  private final BreakGlassDeclaration declaration;
  private final BreakGlassSession session;
  private final TicketWriteBack ticket;

  /** Builds the state before any Update is delivered, so the first authorisation finds it. */
  @WorkflowInit
  public BreakGlassWorkflowImpl(BreakGlassDeclaration declaration) {
    this.declaration = declaration;
    this.session = new BreakGlassSession(declaration);
    this.ticket = new TicketWriteBack(declaration.incident().value());
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
    audit.append("BREAK_GLASS_DECLARED", declaration.declarer().id(), declarationDetails());
    session.record(now(), declaration.declarer().id(), "DECLARED", declaration.reason());

    BreakGlassOutcome outcome = sessionOutcome();
    notifier.awaitDelivered();
    Workflow.await(Workflow::isEveryHandlerFinished);
    ticket.awaitDelivered();
    return outcome;
  }

  private BreakGlassOutcome sessionOutcome() {
    ScopeAssessment assessment;
    try {
      assessment = assessScope();
    } catch (ActivityFailure failure) {
      return finish(
          BreakGlassPhase.FAILED, "the keys in scope could not be read: " + reason(failure));
    } catch (ScopeNotFound missing) {
      return finish(BreakGlassPhase.FAILED, missing.getMessage());
    }
    session.assessed(assessment);
    session.record(now(), "keyward", "SCOPE_ASSESSED", assessment.reason());
    assessment
        .mismatches()
        .forEach(mismatch -> session.record(now(), "keyward", "REGISTER_MISMATCH", mismatch));
    audit.append("BREAK_GLASS_SCOPE_ASSESSED", null, assessmentDetails(assessment));
    enter(
        BreakGlassPhase.AWAITING_AUTHORISATION, now().plus(BreakGlassSession.AUTHORISATION_WINDOW));
    notifier.send(
        notification(
                NotificationTopic.BREAK_GLASS,
                Notification.Severity.CRITICAL,
                "Break-glass declared: " + declaration.incident(),
                declaration.declarer().id()
                    + " declared emergency access to "
                    + declaration.scope().describe()
                    + " for "
                    + declaration.admin().id()
                    + "; "
                    + assessment.level()
                    + " authorisation needed: "
                    + assessment.level().runbookText())
            .asking(
                assessment.level() == BreakGlassLevel.L1 ? NoticeAction.APPROVE_OR_DENY : null));

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

    enter(BreakGlassPhase.GRANTING, null);
    Instant grantedAt = now();
    AccessGrant requested =
        new AccessGrant(
            Workflow.getInfo().getWorkflowId(),
            declaration.admin().id(),
            declaration.incident(),
            declaration.scope(),
            grantedAt,
            grantedAt.plus(declaration.duration()));
    AccessGrant grant;
    try {
      grant = granting.grant(requested);
    } catch (ActivityFailure failure) {
      return finish(BreakGlassPhase.FAILED, "access could not be granted: " + reason(failure));
    }
    session.granted(grant);
    session.record(
        now(), "keyward", "ACCESS_GRANTED", "to " + grant.holder() + " until " + grant.expiresAt());
    audit.append("BREAK_GLASS_ACCESS_GRANTED", null, grantDetails(grant));
    enter(BreakGlassPhase.ACTIVE, grant.expiresAt());
    notifier.send(
        notification(
            NotificationTopic.BREAK_GLASS,
            Notification.Severity.CRITICAL,
            "Break-glass access granted: " + declaration.incident(),
            grant.holder()
                + " holds emergency access to "
                + declaration.scope().describe()
                + " until "
                + grant.expiresAt()));

    Duration left = Duration.between(now(), grant.expiresAt());
    boolean endedEarly =
        !left.isNegative()
            && !left.isZero()
            && Workflow.await(left, () -> settled(session.endRequested()));
    String revocationReason =
        endedEarly
            ? "ended early by " + session.endedBy()
            : "the " + declaration.duration().toMinutes() + "-minute session time was up";
    revoke(grant, revocationReason);

    Instant due = now().plus(BreakGlassSession.REVIEW_WITHIN);
    enter(BreakGlassPhase.AWAITING_REVIEW, due);
    notifier.send(
        notification(
            NotificationTopic.APPROVALS,
            Notification.Severity.WARNING,
            "Post-incident review due: " + declaration.incident(),
            "review the break-glass session of "
                + grant.holder()
                + " ("
                + session.actionCount()
                + " actions recorded) by "
                + due
                + "; reviewers: "
                + new TreeSet<>(BreakGlassRoles.REVIEWERS)));
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
    session.record(at, "keyward", "ACCESS_REVOKED", why + "; verified gone from the grant store");
    Map<String, String> details = grantDetails(grant);
    details.put("reason", why);
    details.put("revokedAt", at.toString());
    details.put("verifiedAbsent", Boolean.toString(revocation.verifiedAbsent()));
    details.put("actionsRecorded", Integer.toString(session.actionCount()));
    if (at.isAfter(grant.expiresAt())) {
      details.put("revokedAfterExpiryBy", Duration.between(grant.expiresAt(), at).toString());
    }
    audit.append("BREAK_GLASS_ACCESS_REVOKED", null, details);
    notifier.send(
        notification(
            NotificationTopic.BREAK_GLASS,
            Notification.Severity.WARNING,
            "Break-glass access revoked: " + declaration.incident(),
            "access of " + grant.holder() + " revoked: " + why));
  }

  private void escalateReview() {
    enter(BreakGlassPhase.REVIEW_OVERDUE, null);
    session.record(now(), "keyward", "REVIEW_OVERDUE", "escalated to " + reviewEscalation());
    audit.append(
        "BREAK_GLASS_REVIEW_OVERDUE",
        null,
        Map.of("escalatedTo", reviewEscalation(), "incident", declaration.incident().value()));
    notifier.send(
        notification(
            NotificationTopic.APPROVALS,
            Notification.Severity.CRITICAL,
            "Post-incident review overdue: " + declaration.incident(),
            "the review of the break-glass session was not completed within "
                + BreakGlassSession.REVIEW_WITHIN.toHours()
                + " hours; escalated to "
                + reviewEscalation()));
  }

  @Override
  public BreakGlassState authorise(Authorisation authorisation) {
    session.apply(authorisation, now());
    Map<String, String> details = new HashMap<>();
    details.put("decision", authorisation.decision().name());
    details.put("level", session.assessment().level().name());
    if (authorisation.reason() != null) {
      details.put("reason", authorisation.reason());
    }
    audit.append(
        "BREAK_GLASS_" + authorisation.decision().name(), authorisation.actor().id(), details);
    publishPhase();
    return session.snapshot();
  }

  @Override
  public void validateAuthorise(Authorisation authorisation) {
    refuseIfPresent(session.refusalFor(authorisation).orElse(null));
  }

  @Override
  public BreakGlassState recordAction(SessionAction action) {
    RecordedAction recorded = session.apply(action, now());
    Map<String, String> details = new HashMap<>();
    details.put("sequence", Integer.toString(recorded.sequence()));
    details.put("action", recorded.action());
    if (recorded.key() != null) {
      details.put("key", recorded.key().toString());
    }
    if (recorded.detail() != null) {
      details.put("detail", recorded.detail());
    }
    details.put("grantExpiresAt", session.grant().expiresAt().toString());
    audit.append("BREAK_GLASS_ACTION", recorded.actor(), details);
    return session.snapshot();
  }

  @Override
  public void validateRecordAction(SessionAction action) {
    refuseIfPresent(session.refusalFor(action, now()).orElse(null));
  }

  @Override
  public BreakGlassState end(EndRequest request) {
    session.apply(request, now());
    Map<String, String> details = new HashMap<>();
    if (request.reason() != null) {
      details.put("reason", request.reason());
    }
    audit.append("BREAK_GLASS_END_REQUESTED", request.actor().id(), details);
    return session.snapshot();
  }

  @Override
  public void validateEnd(EndRequest request) {
    refuseIfPresent(session.refusalFor(request).orElse(null));
  }

  @Override
  public BreakGlassState completeReview(Review review) {
    session.apply(review, now());
    audit.append(
        "BREAK_GLASS_REVIEWED",
        review.actor().id(),
        Map.of(
            "findings",
            session.snapshot().findings(),
            "actionsReviewed",
            Integer.toString(session.actionCount())));
    return session.snapshot();
  }

  @Override
  public void validateCompleteReview(Review review) {
    refuseIfPresent(session.refusalFor(review).orElse(null));
  }

  @Override
  public BreakGlassState state() {
    return session.snapshot();
  }

  /** Reads the newest version of every key in scope; a key or vault that holds nothing fails. */
  private ScopeAssessment assessScope() {
    BreakGlassScope scope = declaration.scope();
    List<KeyRef> refs =
        scope.vault() == null
            ? scope.keys()
            : keys.listKeys().stream()
                .filter(k -> k.vault().equals(scope.vault()))
                .sorted(Comparator.comparing(KeyRef::toString))
                .toList();
    if (refs.isEmpty()) {
      throw new ScopeNotFound("vault " + scope.vault() + " holds no keys at any provider");
    }
    List<KeyVersionInfo> newest = new ArrayList<>();
    List<KeyRef> missing = new ArrayList<>();
    for (KeyRef ref : refs) {
      List<KeyVersionInfo> versions = keys.listVersions(ref);
      if (versions.isEmpty()) {
        missing.add(ref);
      } else {
        newest.add(versions.get(versions.size() - 1));
      }
    }
    if (!missing.isEmpty()) {
      throw new ScopeNotFound("no provider holds " + missing + "; declare a scope that exists");
    }
    List<Optional<RegisteredKey>> entries =
        register.findAll(refs).stream().map(RegisterLookup::found).toList();
    return ScopeAssessment.of(newest, entries);
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
    session.record(now(), "keyward", last.name(), reason);
    Map<String, String> details = new HashMap<>();
    details.put("reason", reason);
    audit.append("BREAK_GLASS_" + last.name(), null, details);
    writeToTicket();
    return new BreakGlassOutcome(last, reason, session.actionCount(), session.revokedAt());
  }

  private void publishPhase() {
    List<String> roles =
        session.awaitingRoles().stream().map(Role::name).sorted().collect(Collectors.toList());
    Workflow.upsertTypedSearchAttributes(
        SearchAttributeUpdate.valueSet(KIND, KIND_NAME),
        SearchAttributeUpdate.valueSet(PHASE, session.phase().name()),
        SearchAttributeUpdate.valueSet(INCIDENT, declaration.incident().value()),
        SearchAttributeUpdate.valueSet(KEY_NAME, declaration.scope().searchKeyName()),
        roles.isEmpty()
            ? SearchAttributeUpdate.valueUnset(AWAITING_ROLES)
            : SearchAttributeUpdate.valueSet(AWAITING_ROLES, roles));
    Workflow.upsertMemo(Map.of("summary", summary()));
  }

  private String summary() {
    String level = session.assessment() == null ? "" : " " + session.assessment().level();
    return "Break-glass"
        + level
        + " for "
        + declaration.incident()
        + ": "
        + declaration.admin().id()
        + " on "
        + declaration.scope().describe()
        + ", declared by "
        + declaration.declarer().id()
        + ": "
        + session.phase()
        + (session.awaitingRoles().isEmpty()
            ? ""
            : ", waiting for " + new TreeSet<>(session.awaitingRoles()));
  }

  private Map<String, String> declarationDetails() {
    Map<String, String> details = new HashMap<>();
    details.put("incident", declaration.incident().value());
    details.put("scope", declaration.scope().describe());
    details.put("admin", declaration.admin().id());
    details.put("duration", declaration.duration().toString());
    details.put("reason", declaration.reason());
    return details;
  }

  private static Map<String, String> assessmentDetails(ScopeAssessment assessment) {
    Map<String, String> details = new HashMap<>();
    details.put("level", assessment.level().name());
    details.put("approvals", assessment.level().runbookText());
    details.put("reason", assessment.reason());
    details.put(
        "keys",
        assessment.keys().stream()
            .map(k -> k.key() + " (" + (k.rootCa() ? "root CA, " : "") + k.classification() + ")")
            .collect(Collectors.joining(", ")));
    if (!assessment.mismatches().isEmpty()) {
      details.put("registerMismatches", String.join("; ", assessment.mismatches()));
    }
    return details;
  }

  private static Map<String, String> grantDetails(AccessGrant grant) {
    Map<String, String> details = new HashMap<>();
    details.put("grantId", grant.grantId());
    details.put("holder", grant.holder());
    details.put("scope", grant.scope().describe());
    details.put("grantedAt", grant.grantedAt().toString());
    details.put("expiresAt", grant.expiresAt().toString());
    return details;
  }

  private Notification notification(
      NotificationTopic topic, Notification.Severity severity, String title, String text) {
    return new Notification(topic, severity, Workflow.getInfo().getWorkflowId(), title, text, null);
  }

  private void notificationFailed(Notification notification, String why) {
    session.record(now(), "keyward", "NOTIFICATION_FAILED", notification.title() + ": " + why);
    audit.append(
        "NOTIFICATION_FAILED",
        null,
        Map.of("topic", notification.topic().name(), "title", notification.title(), "why", why));
  }

  private static String reviewEscalation() {
    return new TreeSet<>(BreakGlassRoles.REVIEW_ESCALATION).toString();
  }

  private static String reason(ActivityFailure failure) {
    return Failures.describe(failure);
  }

  private static void refuseIfPresent(String refusal) {
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
  }

  /**
   * True when {@code decided} holds and every Update handler has finished, so the decision's own
   * audit record is written before the step it unblocks.
   */
  private static boolean settled(boolean decided) {
    return decided && Workflow.isEveryHandlerFinished();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  /** A scope that names keys or a vault no provider holds. */
  private static final class ScopeNotFound extends RuntimeException {
    ScopeNotFound(String message) {
      super(message);
    }
  }
}
