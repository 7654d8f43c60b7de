package io.keyward.workflows.compromise;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TimelineEntry;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import io.keyward.workflows.incident.EscalationMatrix;
import io.keyward.workflows.incident.EscalationRule;
import io.keyward.workflows.incident.EvidenceReceipt;
import io.keyward.workflows.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The long-lived state of one compromise response and its rules of who may acknowledge and who may
 * complete which follow-up. Plain code: the workflow owns time and I/O.
 */
public final class CompromiseResponse {
  private final CompromiseReport report;
  private Severity severity;
  private EscalationRule rule;
  private final List<TimelineEntry> timeline = new ArrayList<>();
  private final List<String> actions = new ArrayList<>();
  private final Map<FollowUpKind, FollowUpTask> followUps = new EnumMap<>(FollowUpKind.class);
  private CompromisePhase phase = CompromisePhase.DISABLING;
  private Instant acceptedAt;
  private Instant escalationDeadline;
  private Instant escalatedAt;
  private String acknowledgedBy;
  private Instant acknowledgedAt;
  private int disableAttempts;
  private int alertedAfterAttempts;
  private String lastDisableFailure;
  private Instant disabledAt;
  private List<String> versionsDisabled = List.of();
  private IncidentStatus status;
  private List<KeyDependent> affected = List.of();
  private String impactNote;
  private KeyVersionInfo emergencyVersion;
  private RoundTripResult restoration;
  private EvidenceReceipt evidence;
  private String outcomeReason;

  public CompromiseResponse(CompromiseReport report) {
    this.report = report;
    this.severity = report.severity();
    this.rule = EscalationMatrix.ruleFor(severity);
  }

  /** The severity the response runs at: the reporter's, or the key's floor when that is higher. */
  public Severity severity() {
    return severity;
  }

  /**
   * Raises the severity to {@code floor} when it is more severe, with its escalation rule and a
   * deadline counted from when the report was accepted; a reporter may raise a severity, never
   * lower it.
   *
   * @return true when the severity changed
   */
  public boolean raiseTo(Severity floor) {
    if (!floor.isMoreSevereThan(severity)) {
      return false;
    }
    severity = floor;
    rule = EscalationMatrix.ruleFor(floor);
    if (acceptedAt != null) {
      escalationDeadline = acceptedAt.plus(rule.escalateAfter());
    }
    return true;
  }

  /** Why {@code report} may not start a response: the reporter holds no reporter role. */
  public static Optional<String> reportRefusal(CompromiseReport report) {
    if (report.reporter().holdsAny(CompromiseRoles.REPORTERS)) {
      return Optional.empty();
    }
    return Optional.of(
        report.reporter().id()
            + " may not report a compromise: reporters hold one of "
            + new TreeSet<>(CompromiseRoles.REPORTERS));
  }

  /** Why the acknowledgement cannot be taken; empty if it can. */
  public Optional<String> refusalFor(Acknowledgement acknowledgement) {
    if (acknowledgement == null || acknowledgement.actor() == null) {
      return Optional.of("an acknowledgement needs an authenticated responder");
    }
    if (phase.isFinal()) {
      return Optional.of("this incident response is closed (" + phase + ")");
    }
    if (acknowledgedBy != null) {
      return Optional.of(
          "the incident was already acknowledged by " + acknowledgedBy + " at " + acknowledgedAt);
    }
    Actor actor = acknowledgement.actor();
    if (actor.id().equals(report.reporter().id())) {
      return Optional.of(
          actor.id()
              + " reported this incident and cannot also acknowledge it: a second responder"
              + " confirms it is being handled (runbook 17.2)");
    }
    Set<Role> eligible = EscalationMatrix.acknowledgers(severity);
    if (!actor.holdsAny(eligible)) {
      return Optional.of(
          actor.id()
              + " holds none of the roles that respond to a "
              + severity
              + " incident: "
              + new TreeSet<>(eligible)
              + " (runbook 17.2)");
    }
    if (acknowledgement.note() != null
        && acknowledgement.note().length() > Acknowledgement.MAX_NOTE) {
      return Optional.of("note must be at most " + Acknowledgement.MAX_NOTE + " characters");
    }
    return Optional.empty();
  }

  public void apply(Acknowledgement acknowledgement, Instant at) {
    acknowledgedBy = acknowledgement.actor().id();
    acknowledgedAt = at;
    record(at, acknowledgedBy, "ACKNOWLEDGED", acknowledgement.note());
  }

  /** Why the task cannot be completed by this person now; empty if it can. */
  public Optional<String> refusalFor(TaskCompletion completion) {
    if (completion == null || completion.actor() == null || completion.task() == null) {
      return Optional.of(
          "completing a task needs an authenticated person and a task: one of "
              + List.of(FollowUpKind.values()));
    }
    if (phase != CompromisePhase.FOLLOWING_UP) {
      return Optional.of(
          phase.isFinal()
              ? "this incident response is closed (" + phase + ")"
              : "the long-term tasks open once evidence is sealed; the response is " + phase);
    }
    FollowUpTask task = followUps.get(completion.task());
    if (task.done()) {
      return Optional.of(task.title() + " was already completed by " + task.completedBy());
    }
    if (!completion.actor().holdsAny(task.owners())) {
      return Optional.of(
          completion.actor().id()
              + " holds none of the roles that own "
              + task.title()
              + ": "
              + new TreeSet<>(task.owners()));
    }
    long doneBySamePerson =
        followUps.values().stream()
            .filter(other -> other.done() && completion.actor().id().equals(other.completedBy()))
            .count();
    if (doneBySamePerson == followUps.size() - 1) {
      return Optional.of(
          completion.actor().id()
              + " completed the other follow-up tasks; "
              + task.title()
              + " needs someone else, so the long-term response is not one person's word");
    }
    if (completion.summary() == null || completion.summary().isBlank()) {
      return Optional.of("summary is required: what the " + task.title() + " found or changed");
    }
    if (completion.summary().length() > TaskCompletion.MAX_SUMMARY) {
      return Optional.of("summary must be at most " + TaskCompletion.MAX_SUMMARY + " characters");
    }
    return Optional.empty();
  }

  public FollowUpTask apply(TaskCompletion completion, Instant at) {
    FollowUpTask done =
        followUps
            .get(completion.task())
            .completed(completion.actor().id(), at, completion.summary().strip());
    followUps.put(completion.task(), done);
    record(at, done.completedBy(), "COMPLETED " + completion.task(), done.summary());
    actions.add(done.title() + " completed by " + done.completedBy());
    return done;
  }

  public void accepted(Instant at) {
    this.acceptedAt = at;
    this.escalationDeadline = at.plus(rule.escalateAfter());
  }

  public void disableFailed(int attempt, String why) {
    this.disableAttempts = attempt;
    this.lastDisableFailure = why;
  }

  public void alerted(int afterAttempts) {
    this.alertedAfterAttempts = afterAttempts;
  }

  /** Records the confirmed disable and opens the incident record. */
  public void disabled(int attempts, List<String> versions, Instant at) {
    this.disableAttempts = attempts;
    this.versionsDisabled = List.copyOf(versions);
    this.disabledAt = at;
    this.status = IncidentStatus.ACTIVE;
    actions.add(
        "Key disabled ("
            + versions.size()
            + (versions.size() == 1 ? " version" : " versions")
            + ", all confirmed disabled)");
  }

  public void escalated(Instant at) {
    this.escalatedAt = at;
  }

  public void impact(List<KeyDependent> dependents, String note) {
    this.affected = List.copyOf(dependents);
    this.impactNote = note;
  }

  public void rotated(KeyVersionInfo version) {
    this.emergencyVersion = version;
  }

  public void restoration(RoundTripResult result) {
    this.restoration = result;
  }

  public void evidence(EvidenceReceipt receipt) {
    this.evidence = receipt;
  }

  public void openFollowUps(Instant from) {
    for (FollowUpKind kind : FollowUpKind.values()) {
      followUps.put(kind, FollowUpTask.open(kind, from.plus(kind.dueAfter())));
    }
  }

  public void followUpOverdue(FollowUpKind kind) {
    followUps.put(kind, followUps.get(kind).markedOverdue());
  }

  public boolean followUpDone(FollowUpKind kind) {
    FollowUpTask task = followUps.get(kind);
    return task != null && task.done();
  }

  public boolean allFollowUpsDone() {
    return !followUps.isEmpty() && followUps.values().stream().allMatch(FollowUpTask::done);
  }

  public void action(String text) {
    actions.add(text);
  }

  public boolean acknowledged() {
    return acknowledgedBy != null;
  }

  public boolean escalatedAlready() {
    return escalatedAt != null;
  }

  public Instant escalationDeadline() {
    return escalationDeadline;
  }

  public Instant acceptedAt() {
    return acceptedAt;
  }

  public EscalationRule rule() {
    return rule;
  }

  public CompromisePhase phase() {
    return phase;
  }

  public KeyVersionInfo emergencyVersion() {
    return emergencyVersion;
  }

  public List<KeyDependent> affected() {
    return affected;
  }

  public Duration timeToDisable() {
    return disabledAt == null ? null : Duration.between(acceptedAt, disabledAt);
  }

  public void moveTo(CompromisePhase next) {
    this.phase = next;
  }

  public void finish(CompromisePhase last, String reason) {
    this.phase = last;
    this.outcomeReason = reason;
    if (status != null && last == CompromisePhase.CLOSED) {
      status = IncidentStatus.RESOLVED;
    }
  }

  public void record(Instant at, String actor, String action, String detail) {
    timeline.add(new TimelineEntry(at, actor, action, detail));
  }

  /**
   * Who is expected to act: the first responders (and, once escalated, the escalation target) until
   * someone acknowledges; then the owners of the open long-term tasks.
   */
  public Set<Role> awaitingRoles() {
    if (phase.isFinal()) {
      return Set.of();
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (acknowledgedBy == null) {
      roles.addAll(rule.initialResponders());
      if (escalatedAt != null) {
        roles.addAll(rule.escalationRoles());
      }
    }
    followUps.values().stream().filter(t -> !t.done()).forEach(t -> roles.addAll(t.owners()));
    return roles;
  }

  public Disablement disablement() {
    Duration took = timeToDisable();
    return new Disablement(
        acceptedAt,
        disabledAt,
        took,
        disableAttempts,
        alertedAfterAttempts,
        lastDisableFailure,
        versionsDisabled,
        took != null && took.compareTo(Disablement.SLO) <= 0);
  }

  public CompromiseState snapshot() {
    Set<Role> awaiting = awaitingRoles();
    return new CompromiseState(
        report,
        phase,
        disablement(),
        status == null
            ? null
            : new IncidentRecord(
                report.incident(),
                report.key(),
                acceptedAt,
                IncidentRecord.CRITICAL,
                status,
                actions),
        new EscalationStatus(
            severity,
            rule.initialResponse(),
            escalationDeadline,
            rule.escalationTarget(),
            rule.escalationRoles(),
            escalatedAt,
            acknowledgedBy,
            acknowledgedAt),
        awaiting.isEmpty() ? Set.of() : EnumSet.copyOf(awaiting),
        affected,
        impactNote,
        emergencyVersion,
        restoration,
        evidence,
        List.copyOf(followUps.values()),
        List.copyOf(timeline),
        outcomeReason);
  }
}
