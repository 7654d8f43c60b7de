package io.keyward.workflows.breakglass;

import io.keyward.workflows.ceremony.AuditDetails;
import io.keyward.workflows.notify.NoticeAction;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationTopic;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a break-glass session says: its notices, the memo's summary and the details of its audit
 * events. Identifiers and public facts only.
 */
public final class BreakGlassMessages {
  private BreakGlassMessages() {}

  public static Notification declared(
      BreakGlassDeclaration declaration, ScopeAssessment assessment, String subject) {
    return new Notification(
            NotificationTopic.BREAK_GLASS,
            Notification.Severity.CRITICAL,
            subject,
            "Break-glass declared: " + declaration.incident(),
            declaration.declarer().id()
                + " declared emergency access to "
                + declaration.scope().describe()
                + " for "
                + declaration.admin().id()
                + "; "
                + assessment.level()
                + " authorisation needed: "
                + assessment.level().runbookText(),
            null)
        .asking(assessment.level() == BreakGlassLevel.L1 ? NoticeAction.APPROVE_OR_DENY : null);
  }

  public static Notification granted(
      BreakGlassDeclaration declaration, AccessGrant grant, String subject) {
    return new Notification(
        NotificationTopic.BREAK_GLASS,
        Notification.Severity.CRITICAL,
        subject,
        "Break-glass access granted: " + declaration.incident(),
        grant.holder()
            + " holds emergency access to "
            + declaration.scope().describe()
            + " until "
            + grant.expiresAt(),
        null);
  }

  public static Notification revoked(
      BreakGlassDeclaration declaration, AccessGrant grant, String why, String subject) {
    return new Notification(
        NotificationTopic.BREAK_GLASS,
        Notification.Severity.WARNING,
        subject,
        "Break-glass access revoked: " + declaration.incident(),
        "access of " + grant.holder() + " revoked: " + why,
        null);
  }

  public static Notification reviewDue(
      BreakGlassDeclaration declaration,
      AccessGrant grant,
      int actions,
      Instant due,
      String subject) {
    return new Notification(
        NotificationTopic.APPROVALS,
        Notification.Severity.WARNING,
        subject,
        "Post-incident review due: " + declaration.incident(),
        "review the break-glass session of "
            + grant.holder()
            + " ("
            + actions
            + " actions recorded) by "
            + due
            + "; reviewers: "
            + new TreeSet<>(BreakGlassRoles.REVIEWERS),
        null);
  }

  public static Notification reviewOverdue(BreakGlassDeclaration declaration, String subject) {
    return new Notification(
        NotificationTopic.APPROVALS,
        Notification.Severity.CRITICAL,
        subject,
        "Post-incident review overdue: " + declaration.incident(),
        "the review of the break-glass session was not completed within "
            + BreakGlassSession.REVIEW_WITHIN.toHours()
            + " hours; escalated to "
            + reviewEscalation(),
        null);
  }

  /** Who an overdue review goes to. */
  public static String reviewEscalation() {
    return new TreeSet<>(BreakGlassRoles.REVIEW_ESCALATION).toString();
  }

  public static String revocationReason(
      BreakGlassDeclaration declaration, boolean endedEarly, String endedBy) {
    return endedEarly
        ? "ended early by " + endedBy
        : "the " + declaration.duration().toMinutes() + "-minute session time was up";
  }

  /** The memo's one line. */
  public static String summary(BreakGlassDeclaration declaration, BreakGlassState state) {
    String level = state.assessment() == null ? "" : " " + state.assessment().level();
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
        + state.phase()
        + (state.awaitingRoles().isEmpty()
            ? ""
            : ", waiting for " + new TreeSet<>(state.awaitingRoles()));
  }

  public static Map<String, String> declarationDetails(BreakGlassDeclaration declaration) {
    return AuditDetails.create()
        .with("incident", declaration.incident().value())
        .with("scope", declaration.scope().describe())
        .with("admin", declaration.admin().id())
        .with("duration", declaration.duration())
        .with("reason", declaration.reason())
        .build();
  }

  public static Map<String, String> assessmentDetails(ScopeAssessment assessment) {
    return AuditDetails.create()
        .with("level", assessment.level().name())
        .with("approvals", assessment.level().runbookText())
        .with("reason", assessment.reason())
        .with(
            "keys",
            assessment.keys().stream()
                .map(
                    k ->
                        k.key() + " (" + (k.rootCa() ? "root CA, " : "") + k.classification() + ")")
                .collect(Collectors.joining(", ")))
        .with(
            "registerMismatches",
            assessment.mismatches().isEmpty() ? null : String.join("; ", assessment.mismatches()))
        .build();
  }

  public static AuditDetails grantDetails(AccessGrant grant) {
    return AuditDetails.create()
        .with("grantId", grant.grantId())
        .with("holder", grant.holder())
        .with("scope", grant.scope().describe())
        .with("grantedAt", grant.grantedAt())
        .with("expiresAt", grant.expiresAt());
  }

  public static Map<String, String> revocationDetails(
      AccessGrant grant, String why, Instant at, Revocation revocation, int actions) {
    return grantDetails(grant)
        .with("reason", why)
        .with("revokedAt", at)
        .with("verifiedAbsent", revocation.verifiedAbsent())
        .with("actionsRecorded", actions)
        .with(
            "revokedAfterExpiryBy",
            at.isAfter(grant.expiresAt()) ? Duration.between(grant.expiresAt(), at) : null)
        .build();
  }

  public static Map<String, String> actionDetails(RecordedAction recorded, AccessGrant grant) {
    return AuditDetails.create()
        .with("sequence", recorded.sequence())
        .with("action", recorded.action())
        .with("key", recorded.key())
        .with("detail", recorded.detail())
        .with("grantExpiresAt", grant.expiresAt())
        .build();
  }

  public static Map<String, String> authorisationDetails(
      Authorisation authorisation, ScopeAssessment assessment) {
    return AuditDetails.create()
        .with("decision", authorisation.decision().name())
        .with("level", assessment.level().name())
        .with("reason", authorisation.reason())
        .build();
  }

  public static Map<String, String> endDetails(EndRequest request) {
    return AuditDetails.create().with("reason", request.reason()).build();
  }

  public static Map<String, String> reviewDetails(BreakGlassState state) {
    return AuditDetails.create()
        .with("findings", state.findings())
        .with("actionsReviewed", state.actions().size())
        .build();
  }
}
