package io.keyward.workflows.compromise;

import static io.keyward.workflows.ceremony.IdempotencyKeys.subject;
import static io.keyward.workflows.ceremony.UpdateRefusals.refuseIfPresent;
import static io.keyward.workflows.ceremony.WorkflowClock.now;
import static io.keyward.workflows.common.KeywardSearchAttributes.CLASSIFICATION;
import static io.keyward.workflows.common.KeywardSearchAttributes.INCIDENT;
import static io.keyward.workflows.common.KeywardSearchAttributes.KEY_NAME;
import static io.keyward.workflows.common.KeywardSearchAttributes.KIND;
import static io.keyward.workflows.common.KeywardSearchAttributes.PHASE;

import io.keyward.workflows.ceremony.CeremonyMetrics;
import io.keyward.workflows.ceremony.CeremonyNotifier;
import io.keyward.workflows.ceremony.CeremonyRecord;
import io.keyward.workflows.ceremony.CeremonyVisibility;
import io.keyward.workflows.common.CeremonyActivityOptions;
import io.keyward.workflows.dependencies.DependencyActivities;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.incident.Deadlines;
import io.keyward.workflows.incident.EvidenceActivities;
import io.keyward.workflows.incident.IncidentActivityOptions;
import io.keyward.workflows.incident.Severity;
import io.keyward.workflows.notify.NoticeAction;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.register.KeyState;
import io.keyward.workflows.register.RegisterSteps;
import io.keyward.workflows.register.RegisterUpdate;
import io.keyward.workflows.register.RegisteredKey;
import io.keyward.workflows.servicenow.TicketWriteBack;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runbook 11 as a workflow. The very first activity disables the key; nothing else (not even the
 * audit record) runs before the provider confirmed it, so a slow audit disk or notifier never
 * delays it. The escalation timer of runbook 17.2 runs beside the whole response from the moment
 * the report was accepted. The rules live in {@link CompromiseResponse}, what the response says in
 * {@link CompromiseMessages}.
 */
public class CompromiseResponseWorkflowImpl implements CompromiseResponseWorkflow {

  private final KeyProviderActivities keys =
      Workflow.newActivityStub(KeyProviderActivities.class, CeremonyActivityOptions.KEY_OPERATIONS);
  private final RegisterSteps register = new RegisterSteps();
  private final CompromiseReport report;
  private final CompromiseResponse response;
  private final CeremonyRecord record;
  private final CeremonyNotifier notifier;
  private final TicketWriteBack ticket;
  private final ImpactAssessment impact;
  private final EmergencyRotationStep rotation;
  private final RestorationCheck restoration;
  private final EvidenceCapture evidence;
  private String classification;

  /** Builds the state before any Update is delivered, so an early acknowledgement finds it. */
  @WorkflowInit
  public CompromiseResponseWorkflowImpl(CompromiseReport report) {
    this.report = report;
    this.response = new CompromiseResponse(report);
    this.record = new CeremonyRecord(response::record);
    this.notifier = new CeremonyNotifier(record);
    this.ticket = new TicketWriteBack(report.incident().value(), report.ticketBinding());
    this.impact =
        new ImpactAssessment(
            report,
            response,
            record,
            Workflow.newActivityStub(
                DependencyActivities.class, IncidentActivityOptions.DEPENDENCIES));
    this.rotation = new EmergencyRotationStep(report, response, record, notifier, keys);
    this.restoration = new RestorationCheck(report, response, record, notifier, keys);
    this.evidence =
        new EvidenceCapture(
            report,
            response,
            record,
            notifier,
            keys,
            Workflow.newActivityStub(EvidenceActivities.class, IncidentActivityOptions.EVIDENCE));
  }

  @Override
  public CompromiseOutcome run(CompromiseReport report) {
    CompromiseResponse.reportRefusal(report)
        .ifPresent(
            refusal -> {
              throw ApplicationFailure.newNonRetryableFailure(refusal, "PolicyViolation");
            });
    response.accepted(report.acceptedAt() != null ? report.acceptedAt() : now());
    publishPhase();
    Deadlines.watch(response.escalationDeadline(), response::acknowledged, this::escalate);

    // Step 1: disable every version of the key, before anything else.
    KeyDisabler.Result disabled = new KeyDisabler().disable(report.key(), disableProgress());
    if (!disabled.disabled()) {
      record.audit("COMPROMISE_REPORTED", report.reporter().id(), reportDetails());
      notifier.send(
          CompromiseMessages.couldNotDisable(report, disabled.impossibleBecause(), subject()));
      return finish(
          CompromisePhase.FAILED, "the key could not be disabled: " + disabled.impossibleBecause());
    }
    recordDisabled(disabled);

    // Steps 2 to 6: impact, emergency rotation, restoration, evidence, long-term follow-ups.
    enter(CompromisePhase.ASSESSING_IMPACT);
    List<KeyDependent> affected = impact.run();
    enter(CompromisePhase.ROTATING);
    Optional<KeyVersionInfo> replacement = rotation.run(disabled.versions(), affected);
    if (replacement.isPresent()) {
      enter(CompromisePhase.VALIDATING_RESTORATION);
      restoration.run(replacement.get());
    }
    enter(CompromisePhase.CAPTURING_EVIDENCE);
    evidence.run();
    followUp();
    CompromiseOutcome outcome = finish(CompromisePhase.CLOSED, "every long-term task is complete");
    notifier.awaitDelivered();
    Workflow.await(Workflow::isEveryHandlerFinished);
    return outcome;
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
    if (d.timeToDisable() != null) {
      CeremonyMetrics.keyDisabled(d.timeToDisable());
    }
    record.timeline(
        at, null, "KEY_DISABLED", CompromiseMessages.disabledDetail(disabled.versions().size(), d));
    record.audit("COMPROMISE_REPORTED", report.reporter().id(), reportDetails());
    record.audit(
        "KEY_DISABLED", null, CompromiseMessages.disableDetails(report, d, disabled.versions()));
    response.action("Incident team notified");
    record.audit(
        "INCIDENT_DECLARED",
        null,
        CompromiseMessages.incidentDetails(response.snapshot().incident()));
    publishPhase();
    alertUntilAcknowledged(CompromiseMessages.disabled(report, response, d, subject()));
  }

  private void followUp() {
    Instant from = now();
    response.openFollowUps(from);
    enter(CompromisePhase.FOLLOWING_UP);
    for (FollowUpKind kind : FollowUpKind.values()) {
      Instant due = from.plus(kind.dueAfter());
      Deadlines.watch(due, () -> response.followUpDone(kind), () -> followUpOverdue(kind, due));
    }
    notifier.send(CompromiseMessages.followUpsOpened(report, from, subject()));
    Workflow.await(() -> response.allFollowUpsDone() && Workflow.isEveryHandlerFinished());
  }

  private void followUpOverdue(FollowUpKind kind, Instant due) {
    response.followUpOverdue(kind);
    record.step(
        "OVERDUE " + kind,
        kind.title() + " was due " + due,
        "FOLLOW_UP_OVERDUE",
        CompromiseMessages.followUpOverdueDetails(kind, due));
    publishPhase();
    notifier.send(CompromiseMessages.followUpOverdue(report, kind, due, subject()));
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
    record.timeline(
        at,
        null,
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
    record.step(
        "SEVERITY_RAISED",
        CompromiseMessages.severityRaised(reported, floor, classification),
        "SEVERITY_RAISED",
        CompromiseMessages.severityRaisedDetails(reported, floor, classification));
    if (!response.acknowledged()) {
      Deadlines.watch(response.escalationDeadline(), response::acknowledged, this::escalate);
    }
  }

  /** Runbook 17.2: nobody acknowledged within the severity's escalation time. */
  private void escalate() {
    if (response.phase().isFinal() || response.escalatedAlready()) {
      return;
    }
    response.escalated(now());
    record.step(
        "ESCALATED",
        CompromiseMessages.escalated(response),
        "INCIDENT_ESCALATED",
        CompromiseMessages.escalationDetails(response));
    publishPhase();
    alertUntilAcknowledged(CompromiseMessages.escalation(report, response, subject()));
  }

  @Override
  public CompromiseState acknowledge(Acknowledgement acknowledgement) {
    response.apply(acknowledgement, now());
    record.audit(
        "INCIDENT_ACKNOWLEDGED",
        acknowledgement.actor().id(),
        CompromiseMessages.acknowledgementDetails(
            report, acknowledgement, response.escalatedAlready()));
    publishPhase();
    return response.snapshot();
  }

  @Override
  public void validateAcknowledge(Acknowledgement acknowledgement) {
    refuseIfPresent(response.refusalFor(acknowledgement));
  }

  @Override
  public CompromiseState completeTask(TaskCompletion completion) {
    FollowUpTask done = response.apply(completion, now());
    record.audit(
        "FOLLOW_UP_COMPLETED", done.completedBy(), CompromiseMessages.followUpDoneDetails(done));
    publishPhase();
    return response.snapshot();
  }

  @Override
  public void validateCompleteTask(TaskCompletion completion) {
    refuseIfPresent(response.refusalFor(completion));
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
        record.timeline(null, "DISABLE_ATTEMPT_FAILED", "attempt " + attempt + ": " + why);
      }

      @Override
      public void stillEnabledAfter(int failures, String why) {
        response.alerted(failures);
        alertUntilAcknowledged(CompromiseMessages.notYetDisabled(report, failures, why, subject()));
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
    record.step(
        last.name(), reason, "COMPROMISE_RESPONSE_" + last.name(), Map.of("reason", reason));
    writeToTicket();
    notifier.awaitDelivered();
    ticket.awaitDelivered();
    return new CompromiseOutcome(last, reason, response.timeToDisable());
  }

  private void publishPhase() {
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
    updates.add(SearchAttributeUpdate.valueSet(KIND, CompromiseStartOptions.KIND));
    updates.add(SearchAttributeUpdate.valueSet(PHASE, response.phase().name()));
    updates.add(SearchAttributeUpdate.valueSet(INCIDENT, report.incident().value()));
    updates.add(SearchAttributeUpdate.valueSet(KEY_NAME, report.key().toString()));
    if (classification != null) {
      updates.add(SearchAttributeUpdate.valueSet(CLASSIFICATION, classification));
    }
    updates.add(CeremonyVisibility.awaiting(response.awaitingRoles()));
    CeremonyVisibility.publish(CompromiseMessages.summary(report, response), updates);
  }

  private Map<String, String> reportDetails() {
    return CompromiseMessages.reportDetails(report, response);
  }

  /** An alert that asks responders to acknowledge, while nobody has (runbook 17.2). */
  private void alertUntilAcknowledged(Notification alert) {
    notifier.send(alert.asking(!response.acknowledged() ? NoticeAction.ACKNOWLEDGE : null));
  }
}
