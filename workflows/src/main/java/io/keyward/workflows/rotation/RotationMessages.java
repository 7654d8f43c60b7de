package io.keyward.workflows.rotation;

import io.keyward.workflows.ceremony.AuditDetails;
import io.keyward.workflows.ceremony.CeremonyVisibility;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.hsm.BackupCheck;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import io.keyward.workflows.notify.NoticeAction;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationTopic;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a manual rotation says: its notices, the memo's summary, the sentences of its timeline and
 * outcome, and the details of its audit events. Identifiers and public facts only; never the
 * justification (beyond the request's own audit event) or key material. The ticket's notes are in
 * {@link RotationTicketNotes}.
 */
public final class RotationMessages {
  private RotationMessages() {}

  /** Where people see the rotation of {@code key}. */
  public static String statusLink(KeyRef key) {
    return "/api/rotations/" + key.vault() + "/" + key.name();
  }

  /** The memo's one line, e.g. {@code Application key v/k (SECRET) rotation on T ...}. */
  public static String summary(RotationState state) {
    List<String> roles = CeremonyVisibility.roleNames(state.awaitingRoles());
    return state.rule().usage().label()
        + " "
        + state.request().key()
        + " ("
        + state.classification()
        + ") rotation on "
        + state.rotationDate()
        + " requested by "
        + state.request().requester().id()
        + ": "
        + state.phase()
        + (roles.isEmpty() ? "" : ", waiting for " + roles);
  }

  /** Asks the roles the open step waits for, e.g. the approvers at T. */
  public static Notification awaiting(
      RotationState state, String subject, String title, String what, NoticeAction answer) {
    return new Notification(
        NotificationTopic.APPROVALS,
        Notification.Severity.INFO,
        subject,
        title + ": " + state.request().key(),
        what + "; roles: " + CeremonyVisibility.roleNames(state.awaitingRoles()),
        statusLink(state.request().key()),
        answer);
  }

  /** The approvers at T, who may answer from chat. */
  public static Notification approvalNeeded(RotationState state, String subject) {
    return awaiting(
        state,
        subject,
        "Key rotation needs approval",
        "approve or deny the rotation due now",
        NoticeAction.decisionOn(state.classification()));
  }

  /** The monitoring reviewers, once the new version validated. */
  public static Notification monitoringReviewNeeded(RotationState state, String subject) {
    return awaiting(
        state,
        subject,
        "Key rotation awaits the monitoring review",
        "confirm the security monitoring review so the old version can be deactivated",
        null);
  }

  /** A reminder of a step that has no deadline, each step timeout. */
  public static Notification reminder(RotationState state, String subject, String what) {
    return awaiting(
        state,
        subject,
        "Reminder: key rotation waits for " + what,
        "still waiting for " + what,
        null);
  }

  /** The stakeholders' notices at T-30: one per application, one to the rotations channel. */
  public static List<Notification> planned(
      RotationState state, List<KeyDependent> dependents, String subject) {
    KeyRef key = state.request().key();
    return StakeholderNotices.of(
        key,
        dependents,
        subject,
        "Key rotation planned: " + key,
        "rotation planned for " + state.rotationDate() + " (runbook 6.3)",
        statusLink(key));
  }

  /** The stakeholders' notices once the new version is active. */
  public static List<Notification> rotated(
      RotationState state, List<KeyDependent> dependents, String subject) {
    KeyRef key = state.request().key();
    return StakeholderNotices.of(
        key,
        dependents,
        subject,
        "Key rotated: " + key,
        "new version "
            + state.newVersion()
            + " is active; version "
            + state.oldVersion()
            + " stays enabled until the post-rotation review",
        statusLink(key));
  }

  /** The timeline line of the rotation itself. */
  public static String rotatedLine(RotationState state) {
    return "version "
        + state.newVersion()
        + " created and enabled; "
        + state.oldVersion()
        + " stays enabled until T+7";
  }

  /** Alerts the rotations channel that the new version failed its round trip. */
  public static Notification validationFailed(
      RotationState state, RoundTripResult result, String subject) {
    KeyRef key = state.request().key();
    return new Notification(
        NotificationTopic.ROTATIONS,
        Notification.Severity.CRITICAL,
        subject,
        "Post-rotation validation failed: " + key,
        "the "
            + result.operation()
            + " round trip with new version "
            + state.newVersion()
            + " failed ("
            + result.detail()
            + "); old version "
            + state.oldVersion()
            + " stays enabled. Decide RETRY_VALIDATION, ROLLBACK or ACCEPT.",
        statusLink(key));
  }

  /** The timeline line of the pre-rotation checks. */
  public static String checksLine(PreRotationChecks checks) {
    BackupCheck backup = checks.backup();
    return checks.dependents().size()
        + " dependent(s), "
        + checks.dependencyFindings().size()
        + " dependency finding(s), backup "
        + (backup.passed()
            ? "verified"
            : backup.confirmationNeeded()
                ? "to be confirmed by a crypto officer or key custodian: " + backup.detail()
                : "NOT verified: " + backup.detail());
  }

  public static String completed(RotationState state) {
    return "rotated to version "
        + state.newVersion()
        + "; version "
        + state.oldVersion()
        + " deactivated";
  }

  public static String rolledBack(RotationState state) {
    return "new version "
        + state.newVersion()
        + " disabled; version "
        + state.oldVersion()
        + " stays in use";
  }

  public static String cancelled(Cancellation cancellation) {
    return "cancelled by " + cancellation.actor().id() + ": " + cancellation.reason();
  }

  public static String reviewOverdue(Instant rotationDate) {
    return "the security review was not completed by the rotation date " + rotationDate;
  }

  public static Map<String, String> requestDetails(RotationState state) {
    RotationRequest request = state.request();
    return AuditDetails.create()
        .with("key", request.key())
        .with("usage", state.rule().usage().name())
        .with("classification", state.classification().name())
        .with("rotationDate", request.rotationDate())
        .with("approvals", state.rule().approvalText())
        .with("ticket", request.ticket())
        .build();
  }

  public static Map<String, String> checksDetails(PreRotationChecks checks) {
    BackupCheck backup = checks.backup();
    return AuditDetails.create()
        .with("version", checks.currentVersion())
        .with("dependents", checks.dependents().size())
        .with("dependencyFindings", String.join("; ", checks.dependencyFindings()))
        .with("backupVerified", backup.passed())
        .with("backupDetail", String.valueOf(backup.detail()))
        .with("backupConfirmationNeeded", backup.confirmationNeeded() ? "true" : null)
        .with("stakeholdersNotified", checks.stakeholdersNotified())
        .build();
  }

  public static Map<String, String> rotatedDetails(KeyVersionInfo made, RotationState state) {
    return AuditDetails.of(made)
        .with("oldVersion", state.oldVersion())
        .with("executor", state.executor())
        .build();
  }

  public static Map<String, String> validationDetails(String version, RoundTripResult result) {
    return AuditDetails.create()
        .with("version", version)
        .with("operation", result.operation())
        .with("passed", result.passed())
        .with("detail", String.valueOf(result.detail()))
        .build();
  }

  public static Map<String, String> decisionDetails(
      RotationDecision decision, RotationPhase phase) {
    return AuditDetails.create()
        .with("decision", decision.type().name())
        .with("phase", phase.name())
        .with("reason", decision.reason())
        .build();
  }

  public static Map<String, String> rescheduleDetails(Instant from, Reschedule reschedule) {
    return AuditDetails.create()
        .with("from", from)
        .with("to", reschedule.rotationDate())
        .with("reason", reschedule.reason())
        .build();
  }

  public static Map<String, String> cancelDetails(Cancellation cancellation, RotationPhase phase) {
    return AuditDetails.create()
        .with("reason", cancellation.reason())
        .with("phase", phase.name())
        .build();
  }
}
