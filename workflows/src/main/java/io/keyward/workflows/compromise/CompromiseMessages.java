package io.keyward.workflows.compromise;

import io.keyward.workflows.ceremony.AuditDetails;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import io.keyward.workflows.incident.EscalationRule;
import io.keyward.workflows.incident.EvidenceReceipt;
import io.keyward.workflows.incident.Severity;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationTopic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a compromise response says: its alerts and notices, the memo's summary and the details of
 * its audit events. Identifiers and public facts only, never key material.
 */
public final class CompromiseMessages {
  private CompromiseMessages() {}

  /** A critical alert to the security incidents channel. */
  public static Notification alert(String subject, String title, String text) {
    return notice(
        NotificationTopic.SECURITY_INCIDENTS, Notification.Severity.CRITICAL, subject, title, text);
  }

  public static Notification couldNotDisable(CompromiseReport report, String why, String subject) {
    return alert(
        subject,
        "KEY COMPROMISE: " + report.key() + " could not be disabled",
        "Incident " + report.incident() + ": " + why + "; check which vault holds the key");
  }

  public static Notification disabled(
      CompromiseReport report, CompromiseResponse response, Disablement d, String subject) {
    return alert(
        subject,
        "KEY COMPROMISE: " + report.key() + " disabled",
        "Incident "
            + report.incident()
            + " ("
            + response.severity()
            + "): every version of "
            + report.key()
            + " disabled "
            + d.timeToDisable()
            + " after the report. Reported by "
            + report.reporter().id()
            + "; first response: "
            + response.rule().initialResponse());
  }

  public static Notification notYetDisabled(
      CompromiseReport report, int failures, String why, String subject) {
    return alert(
        subject,
        "KEY COMPROMISE: " + report.key() + " NOT YET DISABLED",
        "Incident "
            + report.incident()
            + ": disabling "
            + report.key()
            + " failed "
            + failures
            + " times ("
            + why
            + "); Keyward keeps retrying. Disable it at the provider by hand if you can.");
  }

  public static Notification rotationFailed(CompromiseReport report, String why, String subject) {
    return alert(
        subject,
        "Emergency rotation failed: " + report.key(),
        "Incident " + report.incident() + ": " + why + "; rotate the key by hand");
  }

  /** Tells an application that uses the key to switch to its new version. */
  public static Notification switchTo(
      CompromiseReport report, KeyDependent app, KeyVersionInfo made, String subject) {
    return notice(
        NotificationTopic.ROTATIONS,
        Notification.Severity.CRITICAL,
        subject,
        "Switch " + app.application() + " to the new version of " + report.key(),
        "Key "
            + report.key()
            + " is compromised and disabled (incident "
            + report.incident()
            + "). Switch "
            + app.application()
            + " to version "
            + made.version()
            + " now; owner "
            + app.owner()
            + ", contact "
            + app.contact());
  }

  public static String restorationOutcome(RoundTripResult result) {
    return result.operation()
        + " round trip with "
        + result.version()
        + (result.passed() ? " passed" : " FAILED: " + result.detail());
  }

  public static Notification restorationFailed(
      CompromiseReport report, String outcome, String subject) {
    return alert(
        subject,
        "Service restoration check failed: " + report.key(),
        "Incident " + report.incident() + ": " + outcome);
  }

  public static Notification evidenceFailed(CompromiseReport report, String why, String subject) {
    return alert(
        subject,
        "Forensic evidence capture failed: " + report.key(),
        "Incident " + report.incident() + ": " + why + "; preserve the logs by hand");
  }

  public static Notification followUpsOpened(
      CompromiseReport report, Instant from, String subject) {
    return notice(
        NotificationTopic.APPROVALS,
        Notification.Severity.INFO,
        subject,
        "Long-term response opened: " + report.incident(),
        List.of(FollowUpKind.values()).stream()
            .map(k -> k.title() + " due " + from.plus(k.dueAfter()))
            .collect(Collectors.joining("; ")));
  }

  public static Notification followUpOverdue(
      CompromiseReport report, FollowUpKind kind, Instant due, String subject) {
    return notice(
        NotificationTopic.APPROVALS,
        Notification.Severity.WARNING,
        subject,
        kind.title() + " overdue: " + report.incident(),
        kind.title() + " was due " + due + "; owners " + new TreeSet<>(kind.owners()));
  }

  public static Notification escalation(
      CompromiseReport report, CompromiseResponse response, String subject) {
    EscalationRule rule = response.rule();
    return alert(
        subject,
        "ESCALATION "
            + response.severity()
            + ": "
            + report.incident()
            + " to "
            + rule.escalationTarget(),
        "Compromise of "
            + report.key()
            + " not acknowledged within "
            + rule.escalateAfter()
            + " by "
            + rule.initialResponse()
            + "; escalated to "
            + rule.escalationTarget()
            + " "
            + new TreeSet<>(rule.escalationRoles()));
  }

  public static String disabledDetail(int versions, Disablement d) {
    return "all "
        + versions
        + " versions disabled "
        + d.timeToDisable()
        + " after the report was accepted, in "
        + d.attempts()
        + (d.attempts() == 1 ? " attempt" : " attempts");
  }

  /** The memo's one line. */
  public static String summary(CompromiseReport report, CompromiseResponse response) {
    Duration took = response.timeToDisable();
    String escalation =
        response.acknowledged()
            ? ", acknowledged"
            : response.escalatedAlready()
                ? ", ESCALATED to " + response.rule().escalationTarget()
                : ", not yet acknowledged";
    return response.severity()
        + " compromise of "
        + report.key()
        + " ("
        + report.incident()
        + "): "
        + response.phase()
        + (took == null ? ", key not yet disabled" : ", disabled in " + took)
        + escalation;
  }

  public static Map<String, String> reportDetails(
      CompromiseReport report, CompromiseResponse response) {
    return AuditDetails.create()
        .with("incident", report.incident().value())
        .with("key", report.key())
        .with("severity", report.severity().name())
        .with("acceptedAt", response.acceptedAt())
        .with("summary", report.summary())
        .build();
  }

  public static Map<String, String> disableDetails(
      CompromiseReport report, Disablement d, List<KeyVersionInfo> versions) {
    return AuditDetails.create()
        .with("key", report.key())
        .with("acceptedAt", d.acceptedAt())
        .with("disabledAt", d.disabledAt())
        .with("timeToDisable", d.timeToDisable())
        .with("timeToDisableMillis", d.timeToDisable().toMillis())
        .with("withinSlo", d.withinSlo())
        .with("attempts", d.attempts())
        .with(
            "versions",
            versions.stream().map(KeyVersionInfo::version).collect(Collectors.joining(", ")))
        .build();
  }

  public static Map<String, String> incidentDetails(IncidentRecord record) {
    return AuditDetails.create()
        .with("incidentId", record.incidentId().value())
        .with("keyName", record.keyName())
        .with("detectedAt", record.detectedAt())
        .with("severity", record.severity())
        .with("status", record.status().name())
        .with("actions", String.join("; ", record.actions()))
        .build();
  }

  public static Map<String, String> impactDetails(String note, List<KeyDependent> affected) {
    return AuditDetails.create()
        .with("note", note)
        .with(
            "applications",
            affected.stream().map(KeyDependent::application).collect(Collectors.joining(", ")))
        .build();
  }

  public static Map<String, String> restorationDetails(RoundTripResult result) {
    return AuditDetails.create()
        .with("version", result.version())
        .with("operation", result.operation())
        .with("passed", result.passed())
        .with("detail", result.detail())
        .build();
  }

  public static Map<String, String> escalationDetails(CompromiseResponse response) {
    return AuditDetails.create()
        .with("severity", response.severity().name())
        .with("escalatedTo", response.rule().escalationTarget())
        .with("roles", new TreeSet<>(response.rule().escalationRoles()))
        .with("deadline", response.escalationDeadline())
        .build();
  }

  public static Map<String, String> acknowledgementDetails(
      CompromiseReport report, Acknowledgement acknowledgement, boolean escalated) {
    return AuditDetails.create()
        .with("severity", report.severity().name())
        .with("escalated", escalated)
        .with("note", acknowledgement.note())
        .build();
  }

  /** What the dependency map says of the key's users. */
  public static String impactNote(KeyRef key, List<KeyDependent> affected) {
    return affected.isEmpty()
        ? "the dependency map lists no application using " + key
        : affected.size() + " applications use " + key;
  }

  public static String impactUnknown(String why) {
    return "the dependency map could not be read ("
        + why
        + "); find the affected applications by hand";
  }

  public static String evidenceSealed(EvidenceReceipt receipt) {
    return "Forensic evidence sealed: "
        + receipt.versionsCaptured()
        + " versions, "
        + receipt.auditRecordsCaptured()
        + " audit records, SHA-256 "
        + receipt.sha256();
  }

  /** Why the severity was raised: the key's classification, or ULTRA when it is unknown. */
  public static String severityRaised(Severity from, Severity to, String classification) {
    return from
        + " -> "
        + to
        + ": "
        + (classification == null
            ? "the key's classification is unknown, so it counts as ULTRA"
            : "the key is " + classification);
  }

  public static Map<String, String> severityRaisedDetails(
      Severity from, Severity to, String classification) {
    return AuditDetails.create()
        .with("from", from.name())
        .with("to", to.name())
        .with("classification", classification == null ? "unknown" : classification)
        .build();
  }

  /** The timeline line of an escalation (runbook 17.2). */
  public static String escalated(CompromiseResponse response) {
    return "not acknowledged within "
        + response.rule().escalateAfter()
        + "; escalated to "
        + response.rule().escalationTarget();
  }

  public static Map<String, String> followUpOverdueDetails(FollowUpKind kind, Instant due) {
    return AuditDetails.create().with("task", kind.name()).with("due", due).build();
  }

  public static Map<String, String> followUpDoneDetails(FollowUpTask done) {
    return AuditDetails.create()
        .with("task", done.kind().name())
        .with("summary", done.summary())
        .build();
  }

  private static Notification notice(
      NotificationTopic topic,
      Notification.Severity severity,
      String subject,
      String title,
      String text) {
    return new Notification(topic, severity, subject, title, text, null);
  }
}
