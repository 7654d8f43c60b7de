package io.keyward.ui.incidents;

import io.keyward.ui.pages.Layout;
import io.keyward.ui.pages.Times;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TimelineEntry;
import io.keyward.workflows.compromise.CompromisePhase;
import io.keyward.workflows.compromise.CompromiseReport;
import io.keyward.workflows.compromise.CompromiseState;
import io.keyward.workflows.compromise.Disablement;
import io.keyward.workflows.compromise.EscalationStatus;
import io.keyward.workflows.compromise.FollowUpTask;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the page of one compromise response shows (runbook 11): how fast the key was disabled, the
 * incident record and its escalation, the impact, the emergency rotation and the restoration check,
 * the sealed evidence, the follow-up tasks, and what this person may do now.
 */
public record IncidentView(
    Layout layout,
    String incident,
    String workflowId,
    String basePath,
    String statusPath,
    String revision,
    String temporalWebUrl,
    String phase,
    String phaseText,
    boolean closed,
    String outcome,
    Report report,
    Disable disable,
    Escalation escalation,
    String affectedApplications,
    String impactNote,
    String emergencyVersion,
    String restoration,
    String evidence,
    List<Task> followUps,
    boolean mayAcknowledge,
    List<Entry> timeline) {

  /** The report that started the response. */
  public record Report(
      String key, String severity, String reporter, String summary, String acceptedAt) {}

  /** How disabling the key went: the time to disable against the 15-minute SLO. */
  public record Disable(
      String timeToDisable,
      boolean disabled,
      boolean withinSlo,
      int attempts,
      String versions,
      String lastFailure) {}

  /** Where the incident stands on the escalation matrix. */
  public record Escalation(
      String initialResponse,
      String deadline,
      String deadlineRelative,
      String target,
      String escalatedAt,
      String acknowledgedBy,
      String acknowledgedAt) {}

  /** A follow-up task; {@code mayComplete} when this person owns it and it is open. */
  public record Task(
      String kind,
      String title,
      String owners,
      String due,
      boolean overdue,
      String completedBy,
      String summary,
      boolean mayComplete) {}

  /** A line of the timeline. */
  public record Entry(String at, String actor, String action, String detail) {}

  static IncidentView of(
      Layout layout, CompromiseState state, Actor viewer, Instant now, String temporalWebUrl) {
    CompromiseReport report = state.report();
    String base = IncidentPages.pathOf(report.incident());
    boolean open = !state.phase().isFinal();
    return new IncidentView(
        layout,
        report.incident().value(),
        CompromiseReport.workflowId(report.incident()),
        base,
        base + "/status",
        revision(state),
        temporalWebUrl,
        state.phase().name(),
        describe(state.phase()),
        state.phase().isFinal(),
        state.outcomeReason(),
        new Report(
            report.key().toString(),
            report.severity().name(),
            report.reporter().id(),
            report.summary(),
            state.disablement() == null ? "" : Times.format(state.disablement().acceptedAt())),
        disable(state.disablement()),
        escalation(state.escalation(), now),
        state.affectedApplications() == null || state.affectedApplications().isEmpty()
            ? null
            : state.affectedApplications().stream()
                .map(app -> app.application() + " (" + app.owner() + ")")
                .collect(Collectors.joining(", ")),
        state.impactNote(),
        state.emergencyVersion() == null ? null : state.emergencyVersion().version(),
        state.restoration() == null
            ? null
            : state.restoration().operation()
                + (state.restoration().passed() ? " passed" : " FAILED")
                + (state.restoration().detail() == null ? "" : ": " + state.restoration().detail()),
        state.evidence() == null
            ? null
            : "sealed "
                + state.evidence().sha256()
                + " in audit record "
                + state.evidence().auditSequence()
                + " ("
                + state.evidence().versionsCaptured()
                + " versions, "
                + state.evidence().auditRecordsCaptured()
                + " audit records)",
        state.followUps() == null
            ? List.of()
            : state.followUps().stream().map(task -> task(task, viewer, open)).toList(),
        open && unacknowledged(state) && viewer.holdsAny(state.awaitingRoles()),
        state.timeline().stream().map(IncidentView::entry).toList());
  }

  /** True while nobody has taken the incident. */
  static boolean unacknowledged(CompromiseState state) {
    return state.escalation() == null || state.escalation().acknowledgedBy() == null;
  }

  /** Changes whenever the response moves, escalates, is acknowledged or a task is done. */
  static String revision(CompromiseState state) {
    long done =
        state.followUps() == null
            ? 0
            : state.followUps().stream()
                .filter(t -> t.completedBy() != null || t.overdue())
                .count();
    return state.phase().name()
        + "."
        + state.timeline().size()
        + "."
        + done
        + "."
        + (unacknowledged(state) ? "u" : "a");
  }

  static String describe(CompromisePhase phase) {
    return switch (phase) {
      case DISABLING -> "Disabling the key";
      case ASSESSING_IMPACT -> "Key disabled: assessing the impact";
      case ROTATING -> "Emergency rotation";
      case VALIDATING_RESTORATION -> "Checking the service with the new key";
      case CAPTURING_EVIDENCE -> "Capturing forensic evidence";
      case FOLLOWING_UP -> "Following up: root cause, controls, lessons learned";
      case CLOSED -> "Closed";
      case FAILED -> "Failed";
    };
  }

  public boolean hasFollowUps() {
    return !followUps.isEmpty();
  }

  static Disable disable(Disablement disablement) {
    if (disablement == null) {
      return null;
    }
    return new Disable(
        Times.duration(disablement.timeToDisable()),
        disablement.disabledAt() != null,
        disablement.withinSlo(),
        disablement.attempts(),
        String.join(", ", disablement.versionsDisabled()),
        disablement.lastFailure());
  }

  private static Escalation escalation(EscalationStatus status, Instant now) {
    if (status == null) {
      return null;
    }
    return new Escalation(
        status.initialResponse(),
        Times.format(status.deadline()),
        Times.relative(status.deadline(), now),
        status.escalationTarget(),
        Times.format(status.escalatedAt()),
        status.acknowledgedBy(),
        Times.format(status.acknowledgedAt()));
  }

  private static Task task(FollowUpTask task, Actor viewer, boolean open) {
    return new Task(
        task.kind().name(),
        task.title(),
        task.owners().stream().map(Role::name).sorted().collect(Collectors.joining(", ")),
        Times.format(task.dueAt()),
        task.overdue(),
        task.completedBy(),
        task.summary(),
        open && task.completedBy() == null && viewer.holdsAny(task.owners()));
  }

  private static Entry entry(TimelineEntry entry) {
    return new Entry(Times.format(entry.at()), entry.actor(), entry.action(), entry.detail());
  }
}
