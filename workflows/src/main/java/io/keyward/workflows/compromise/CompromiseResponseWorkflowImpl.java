package io.keyward.workflows.compromise;

import static io.keyward.workflows.common.KeywardSearchAttributes.AWAITING_ROLES;
import static io.keyward.workflows.common.KeywardSearchAttributes.CLASSIFICATION;
import static io.keyward.workflows.common.KeywardSearchAttributes.INCIDENT;
import static io.keyward.workflows.common.KeywardSearchAttributes.KEY_NAME;
import static io.keyward.workflows.common.KeywardSearchAttributes.KIND;
import static io.keyward.workflows.common.KeywardSearchAttributes.PHASE;

import io.keyward.workflows.common.CeremonyActivityOptions;
import io.keyward.workflows.common.CeremonyAudit;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.dependencies.DependencyActivities;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.generation.GenerationRequest;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import io.keyward.workflows.incident.Deadlines;
import io.keyward.workflows.incident.EvidenceActivities;
import io.keyward.workflows.incident.EvidenceReceipt;
import io.keyward.workflows.incident.EvidenceRequest;
import io.keyward.workflows.incident.Failures;
import io.keyward.workflows.incident.IncidentActivityOptions;
import io.keyward.workflows.incident.IncidentNotifier;
import io.keyward.workflows.incident.Severity;
import io.keyward.workflows.lifecycle.LifecycleInput;
import io.keyward.workflows.notify.NoticeAction;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationTopic;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.register.KeyState;
import io.keyward.workflows.register.RegisterSteps;
import io.keyward.workflows.register.RegisterUpdate;
import io.keyward.workflows.register.RegisteredKey;
import io.keyward.workflows.rotation.RotationRequest;
import io.keyward.workflows.servicenow.TicketWriteBack;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Runbook 11 as a workflow. The very first activity disables the key; nothing else (not even the
 * audit record) runs before the provider confirmed it, so a slow audit disk or notifier never
 * delays it. The escalation timer of runbook 17.2 runs beside the whole response from the moment
 * the report was accepted.
 */
public class CompromiseResponseWorkflowImpl implements CompromiseResponseWorkflow {
  /** The value of {@code KeywardKind} for compromise responses. */
  public static final String KIND_NAME = "CompromiseResponse";

  private final KeyProviderActivities keys =
      Workflow.newActivityStub(KeyProviderActivities.class, CeremonyActivityOptions.KEY_OPERATIONS);
  private final DependencyActivities dependencies =
      Workflow.newActivityStub(DependencyActivities.class, IncidentActivityOptions.DEPENDENCIES);
  private final EvidenceActivities evidence =
      Workflow.newActivityStub(EvidenceActivities.class, IncidentActivityOptions.EVIDENCE);
  private final CeremonyAudit audit = new CeremonyAudit();
  private final RegisterSteps register = new RegisterSteps();
  private final IncidentNotifier notifier = new IncidentNotifier(this::notificationFailed);
  private final CompromiseReport report;
  private final CompromiseResponse response;
  private final TicketWriteBack ticket;
  private String classification;

  /** Builds the state before any Update is delivered, so an early acknowledgement finds it. */
  @WorkflowInit
  public CompromiseResponseWorkflowImpl(CompromiseReport report) {
    this.report = report;
    this.response = new CompromiseResponse(report);
    this.ticket = new TicketWriteBack(report.incident().value());
  }

  @Override
  public CompromiseOutcome run(CompromiseReport report) {
    if (!report.reporter().holdsAny(CompromiseRoles.REPORTERS)) {
      throw ApplicationFailure.newNonRetryableFailure(
          report.reporter().id()
              + " may not report a compromise: reporters hold one of "
              + new TreeSet<>(CompromiseRoles.REPORTERS),
          "PolicyViolation");
    }
    response.accepted(report.acceptedAt() != null ? report.acceptedAt() : now());
    publishPhase();
    Deadlines.watch(response.escalationDeadline(), response::acknowledged, this::escalate);

    KeyDisabler.Result disabled = new KeyDisabler().disable(report.key(), disableProgress());
    if (!disabled.disabled()) {
      audit.append("COMPROMISE_REPORTED", report.reporter().id(), reportDetails());
      alert(
          "KEY COMPROMISE: " + report.key() + " could not be disabled",
          "Incident "
              + report.incident()
              + ": "
              + disabled.impossibleBecause()
              + "; check which vault holds the key");
      return finish(
          CompromisePhase.FAILED, "the key could not be disabled: " + disabled.impossibleBecause());
    }
    recordDisabled(disabled);

    CompromiseOutcome outcome = responseOutcome(disabled.versions());
    notifier.awaitDelivered();
    Workflow.await(Workflow::isEveryHandlerFinished);
    return outcome;
  }

  private CompromiseOutcome responseOutcome(List<KeyVersionInfo> disabledVersions) {
    enter(CompromisePhase.ASSESSING_IMPACT);
    List<KeyDependent> affected = assessImpact();

    enter(CompromisePhase.ROTATING);
    KeyVersionInfo replacement = rotate(disabledVersions, affected);

    if (replacement != null) {
      enter(CompromisePhase.VALIDATING_RESTORATION);
      validateRestoration(replacement);
    }

    enter(CompromisePhase.CAPTURING_EVIDENCE);
    captureEvidence();

    followUp();
    return finish(CompromisePhase.CLOSED, "every long-term task is complete");
  }

  private void recordDisabled(KeyDisabler.Result disabled) {
    Instant at = now();
    response.disabled(
        disabled.attempts(),
        disabled.versions().stream().map(KeyVersionInfo::version).toList(),
        at);
    markCompromised(at);
    raiseSeverityToTheKeysFloor();
    Disablement d = response.disablement();
    response.record(
        at,
        "keyward",
        "KEY_DISABLED",
        "all "
            + disabled.versions().size()
            + " versions disabled "
            + d.timeToDisable()
            + " after the report was accepted, in "
            + d.attempts()
            + (d.attempts() == 1 ? " attempt" : " attempts"));
    audit.append("COMPROMISE_REPORTED", report.reporter().id(), reportDetails());
    audit.append("KEY_DISABLED", null, disableDetails(d, disabled.versions()));
    response.action("Incident team notified");
    audit.append("INCIDENT_DECLARED", null, incidentDetails());
    publishPhase();
    alertUntilAcknowledged(
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

  private List<KeyDependent> assessImpact() {
    List<KeyDependent> affected;
    String note;
    try {
      affected = dependencies.dependentsOf(report.key());
      note =
          affected.isEmpty()
              ? "the dependency map lists no application using " + report.key()
              : affected.size() + " applications use " + report.key();
    } catch (ActivityFailure failure) {
      affected = List.of();
      note =
          "the dependency map could not be read ("
              + Failures.describe(failure)
              + "); find the affected applications by hand";
    }
    response.impact(affected, note);
    response.action("Impact assessed: " + note);
    response.record(now(), "keyward", "IMPACT_ASSESSED", note);
    Map<String, String> details = new HashMap<>();
    details.put("note", note);
    details.put(
        "applications",
        affected.stream().map(KeyDependent::application).collect(Collectors.joining(", ")));
    audit.append("IMPACT_ASSESSED", null, details);
    return affected;
  }

  private KeyVersionInfo rotate(
      List<KeyVersionInfo> disabledVersions, List<KeyDependent> affected) {
    KeyVersionInfo compromised = EmergencyRotation.newest(disabledVersions);
    KeyVersionInfo made;
    try {
      made =
          keys.create(
              EmergencyRotation.commandFor(
                  compromised,
                  report.incident(),
                  Workflow.getInfo().getWorkflowId(),
                  report.reporter().id(),
                  now(),
                  Workflow.getInfo().getWorkflowId()
                      + "/"
                      + Workflow.getInfo().getRunId()
                      + "/emergency-rotation"));
    } catch (ActivityFailure failure) {
      String why = Failures.describe(failure);
      response.record(now(), "keyward", "ROTATION_FAILED", why);
      response.action("Emergency rotation failed: " + why);
      audit.append("EMERGENCY_ROTATION_FAILED", null, Map.of("why", why));
      alert(
          "Emergency rotation failed: " + report.key(),
          "Incident " + report.incident() + ": " + why + "; rotate the key by hand");
      return null;
    }
    response.rotated(made);
    response.action("Emergency rotation: new version " + made.version());
    response.record(now(), "keyward", "KEY_ROTATED", "new version " + made.version() + " enabled");
    Map<String, String> details = versionDetails(made);
    details.put("replaces", compromised.version());
    audit.append("EMERGENCY_ROTATION", null, details);
    for (KeyDependent app : affected) {
      notifier.send(
          new Notification(
              NotificationTopic.ROTATIONS,
              Notification.Severity.CRITICAL,
              Workflow.getInfo().getWorkflowId(),
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
                  + app.contact(),
              null));
    }
    if (!affected.isEmpty()) {
      response.action(affected.size() + " applications told to switch to " + made.version());
    }
    return made;
  }

  private void validateRestoration(KeyVersionInfo replacement) {
    RoundTripResult result;
    try {
      result = keys.roundTrip(report.key(), replacement.version());
    } catch (ActivityFailure failure) {
      result =
          new RoundTripResult(
              replacement.version(), "none", false, "could not run: " + Failures.describe(failure));
    }
    response.restoration(result);
    String outcome =
        result.operation()
            + " round trip with "
            + result.version()
            + (result.passed() ? " passed" : " FAILED: " + result.detail());
    response.action("Service restoration validated: " + outcome);
    response.record(now(), "keyward", "RESTORATION_VALIDATED", outcome);
    audit.append(
        "RESTORATION_VALIDATED",
        null,
        Map.of(
            "version", result.version(),
            "operation", result.operation(),
            "passed", Boolean.toString(result.passed()),
            "detail", result.detail()));
    if (!result.passed()) {
      alert(
          "Service restoration check failed: " + report.key(),
          "Incident " + report.incident() + ": " + outcome);
    }
  }

  private void captureEvidence() {
    String subject = Workflow.getInfo().getWorkflowId();
    try {
      List<KeyVersionInfo> versions = keys.listVersions(report.key());
      EvidenceReceipt receipt =
          evidence.seal(
              new EvidenceRequest(
                  subject + "/" + Workflow.getInfo().getRunId() + "/evidence",
                  subject,
                  report.incident(),
                  report.key(),
                  versions,
                  auditSubjects(report.key(), subject),
                  now()));
      response.evidence(receipt);
      response.action(
          "Forensic evidence sealed: "
              + receipt.versionsCaptured()
              + " versions, "
              + receipt.auditRecordsCaptured()
              + " audit records, SHA-256 "
              + receipt.sha256());
      response.record(now(), "keyward", "EVIDENCE_SEALED", "SHA-256 " + receipt.sha256());
    } catch (ActivityFailure failure) {
      String why = Failures.describe(failure);
      response.action("Forensic evidence capture failed: " + why);
      response.record(now(), "keyward", "EVIDENCE_FAILED", why);
      alert(
          "Forensic evidence capture failed: " + report.key(),
          "Incident " + report.incident() + ": " + why + "; preserve the logs by hand");
    }
  }

  private void followUp() {
    Instant from = now();
    response.openFollowUps(from);
    enter(CompromisePhase.FOLLOWING_UP);
    for (FollowUpKind kind : FollowUpKind.values()) {
      Instant due = from.plus(kind.dueAfter());
      Deadlines.watch(due, () -> response.followUpDone(kind), () -> followUpOverdue(kind, due));
    }
    notifier.send(
        notification(
            NotificationTopic.APPROVALS,
            Notification.Severity.INFO,
            "Long-term response opened: " + report.incident(),
            List.of(FollowUpKind.values()).stream()
                .map(k -> k.title() + " due " + from.plus(k.dueAfter()))
                .collect(Collectors.joining("; "))));
    Workflow.await(() -> response.allFollowUpsDone() && Workflow.isEveryHandlerFinished());
  }

  private void followUpOverdue(FollowUpKind kind, Instant due) {
    response.followUpOverdue(kind);
    response.record(now(), "keyward", "OVERDUE " + kind, kind.title() + " was due " + due);
    audit.append("FOLLOW_UP_OVERDUE", null, Map.of("task", kind.name(), "due", due.toString()));
    publishPhase();
    notifier.send(
        notification(
            NotificationTopic.APPROVALS,
            Notification.Severity.WARNING,
            kind.title() + " overdue: " + report.incident(),
            kind.title() + " was due " + due + "; owners " + new TreeSet<>(kind.owners())));
  }

  /**
   * Marks the key COMPROMISED in the key register, once it is disabled, and reads its
   * classification from the register entry: a key the register does not hold stays out of it and
   * counts as ULTRA.
   */
  private void markCompromised(Instant at) {
    Optional<RegisteredKey> entry =
        register.apply(
            RegisterUpdate.state(
                report.key(),
                RegisterSteps.changeId("compromised"),
                RegisterSteps.ceremony(),
                report.reporter().id(),
                at,
                KeyState.COMPROMISED,
                null));
    classification = entry.map(e -> e.classification().name()).orElse(null);
    response.record(
        at,
        "keyward",
        "KEY_REGISTER_WRITTEN",
        entry.isPresent()
            ? report.key() + " is COMPROMISED in the key register"
            : report.key() + " is not in the key register: it counts as ULTRA");
  }

  /**
   * A reporter may raise a severity, never lower it: once the key's classification is read from the
   * key register, a report graded below the classification's floor ({@link Severity#floorFor}) is
   * raised to it, with the floor's escalation time counted from when the report was accepted.
   */
  private void raiseSeverityToTheKeysFloor() {
    Severity reported = response.severity();
    Severity floor =
        Severity.floorFor(classification == null ? null : Classification.valueOf(classification));
    if (!response.raiseTo(floor)) {
      return;
    }
    String why =
        classification == null
            ? "the key's classification is unknown, so it counts as ULTRA"
            : "the key is " + classification;
    response.record(now(), "keyward", "SEVERITY_RAISED", reported + " -> " + floor + ": " + why);
    audit.append(
        "SEVERITY_RAISED",
        null,
        Map.of(
            "from", reported.name(),
            "to", floor.name(),
            "classification", classification == null ? "unknown" : classification));
    if (!response.acknowledged()) {
      Deadlines.watch(response.escalationDeadline(), response::acknowledged, this::escalate);
    }
  }

  /** Runbook 17.2: nobody acknowledged within the severity's escalation time. */
  private void escalate() {
    if (response.phase().isFinal() || response.escalatedAlready()) {
      return;
    }
    Instant at = now();
    response.escalated(at);
    String target = response.rule().escalationTarget();
    response.record(
        at,
        "keyward",
        "ESCALATED",
        "not acknowledged within " + response.rule().escalateAfter() + "; escalated to " + target);
    audit.append(
        "INCIDENT_ESCALATED",
        null,
        Map.of(
            "severity", response.severity().name(),
            "escalatedTo", target,
            "roles", new TreeSet<>(response.rule().escalationRoles()).toString(),
            "deadline", response.escalationDeadline().toString()));
    publishPhase();
    notifier.send(
        notification(
                NotificationTopic.SECURITY_INCIDENTS,
                Notification.Severity.CRITICAL,
                "ESCALATION " + response.severity() + ": " + report.incident() + " to " + target,
                "Compromise of "
                    + report.key()
                    + " not acknowledged within "
                    + response.rule().escalateAfter()
                    + " by "
                    + response.rule().initialResponse()
                    + "; escalated to "
                    + target
                    + " "
                    + new TreeSet<>(response.rule().escalationRoles()))
            .asking(acknowledgeUnlessDone()));
  }

  @Override
  public CompromiseState acknowledge(Acknowledgement acknowledgement) {
    response.apply(acknowledgement, now());
    Map<String, String> details = new HashMap<>();
    details.put("severity", report.severity().name());
    details.put("escalated", Boolean.toString(response.escalatedAlready()));
    if (acknowledgement.note() != null) {
      details.put("note", acknowledgement.note());
    }
    audit.append("INCIDENT_ACKNOWLEDGED", acknowledgement.actor().id(), details);
    publishPhase();
    return response.snapshot();
  }

  @Override
  public void validateAcknowledge(Acknowledgement acknowledgement) {
    refuseIfPresent(response.refusalFor(acknowledgement).orElse(null));
  }

  @Override
  public CompromiseState completeTask(TaskCompletion completion) {
    FollowUpTask done = response.apply(completion, now());
    audit.append(
        "FOLLOW_UP_COMPLETED",
        done.completedBy(),
        Map.of("task", done.kind().name(), "summary", done.summary()));
    publishPhase();
    return response.snapshot();
  }

  @Override
  public void validateCompleteTask(TaskCompletion completion) {
    refuseIfPresent(response.refusalFor(completion).orElse(null));
  }

  @Override
  public CompromiseState state() {
    return response.snapshot();
  }

  private KeyDisabler.Progress disableProgress() {
    return new KeyDisabler.Progress() {
      @Override
      public void attemptFailed(int attempt, String why) {
        response.disableFailed(attempt, why);
        response.record(
            now(), "keyward", "DISABLE_ATTEMPT_FAILED", "attempt " + attempt + ": " + why);
      }

      @Override
      public void stillEnabledAfter(int failures, String why) {
        response.alerted(failures);
        alertUntilAcknowledged(
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
    };
  }

  private void enter(CompromisePhase next) {
    response.moveTo(next);
    publishPhase();
    writeToTicket();
  }

  /** Writes the phase to the incident's ticket without waiting for the ticket system. */
  private void writeToTicket() {
    CompromiseTicketNotes.forState(response.snapshot())
        .ifPresent(note -> ticket.post(note.state(), note.text()));
  }

  private CompromiseOutcome finish(CompromisePhase last, String reason) {
    response.finish(last, reason);
    publishPhase();
    response.record(now(), "keyward", last.name(), reason);
    audit.append("COMPROMISE_RESPONSE_" + last.name(), null, Map.of("reason", reason));
    writeToTicket();
    notifier.awaitDelivered();
    ticket.awaitDelivered();
    return new CompromiseOutcome(last, reason, response.timeToDisable());
  }

  private void publishPhase() {
    List<String> roles =
        response.awaitingRoles().stream().map(Role::name).sorted().collect(Collectors.toList());
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
    updates.add(SearchAttributeUpdate.valueSet(KIND, KIND_NAME));
    updates.add(SearchAttributeUpdate.valueSet(PHASE, response.phase().name()));
    updates.add(SearchAttributeUpdate.valueSet(INCIDENT, report.incident().value()));
    updates.add(SearchAttributeUpdate.valueSet(KEY_NAME, report.key().toString()));
    if (classification != null) {
      updates.add(SearchAttributeUpdate.valueSet(CLASSIFICATION, classification));
    }
    updates.add(
        roles.isEmpty()
            ? SearchAttributeUpdate.valueUnset(AWAITING_ROLES)
            : SearchAttributeUpdate.valueSet(AWAITING_ROLES, roles));
    Workflow.upsertTypedSearchAttributes(updates.toArray(new SearchAttributeUpdate<?>[0]));
    Workflow.upsertMemo(Map.of("summary", summary()));
  }

  private String summary() {
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

  /**
   * The audit subjects whose records concern the key: its generation, rotation and lifecycle
   * workflows, and this incident.
   */
  static List<String> auditSubjects(KeyRef key, String incidentSubject) {
    return List.of(
        GenerationRequest.workflowId(key),
        RotationRequest.workflowId(key),
        LifecycleInput.workflowId(key),
        incidentSubject);
  }

  private Map<String, String> reportDetails() {
    Map<String, String> details = new HashMap<>();
    details.put("incident", report.incident().value());
    details.put("key", report.key().toString());
    details.put("severity", report.severity().name());
    details.put("acceptedAt", response.acceptedAt().toString());
    if (report.summary() != null) {
      details.put("summary", report.summary());
    }
    return details;
  }

  private Map<String, String> disableDetails(Disablement d, List<KeyVersionInfo> versions) {
    Map<String, String> details = new HashMap<>();
    details.put("key", report.key().toString());
    details.put("acceptedAt", d.acceptedAt().toString());
    details.put("disabledAt", d.disabledAt().toString());
    details.put("timeToDisable", d.timeToDisable().toString());
    details.put("timeToDisableMillis", Long.toString(d.timeToDisable().toMillis()));
    details.put("withinSlo", Boolean.toString(d.withinSlo()));
    details.put("attempts", Integer.toString(d.attempts()));
    details.put(
        "versions",
        versions.stream().map(KeyVersionInfo::version).collect(Collectors.joining(", ")));
    return details;
  }

  private Map<String, String> incidentDetails() {
    IncidentRecord record = response.snapshot().incident();
    Map<String, String> details = new HashMap<>();
    details.put("incidentId", record.incidentId().value());
    details.put("keyName", record.keyName().toString());
    details.put("detectedAt", record.detectedAt().toString());
    details.put("severity", record.severity());
    details.put("status", record.status().name());
    details.put("actions", String.join("; ", record.actions()));
    return details;
  }

  private static Map<String, String> versionDetails(KeyVersionInfo version) {
    Map<String, String> details = new HashMap<>();
    details.put("key", version.key().toString());
    details.put("version", version.version());
    details.put("provider", version.provider());
    details.put("enabled", Boolean.toString(version.enabled()));
    if (version.publicKeyFingerprint() != null) {
      details.put("publicKeySha256", version.publicKeyFingerprint());
    }
    return details;
  }

  private void alert(String title, String text) {
    notifier.send(
        notification(
            NotificationTopic.SECURITY_INCIDENTS, Notification.Severity.CRITICAL, title, text));
  }

  /** An alert that asks responders to acknowledge, while nobody has (runbook 17.2). */
  private void alertUntilAcknowledged(String title, String text) {
    notifier.send(
        notification(
                NotificationTopic.SECURITY_INCIDENTS, Notification.Severity.CRITICAL, title, text)
            .asking(acknowledgeUnlessDone()));
  }

  private NoticeAction acknowledgeUnlessDone() {
    return !response.acknowledged() ? NoticeAction.ACKNOWLEDGE : null;
  }

  private Notification notification(
      NotificationTopic topic, Notification.Severity severity, String title, String text) {
    return new Notification(topic, severity, Workflow.getInfo().getWorkflowId(), title, text, null);
  }

  private void notificationFailed(Notification notification, String why) {
    response.record(now(), "keyward", "NOTIFICATION_FAILED", notification.title() + ": " + why);
    audit.append(
        "NOTIFICATION_FAILED",
        null,
        Map.of("topic", notification.topic().name(), "title", notification.title(), "why", why));
  }

  private static void refuseIfPresent(String refusal) {
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
