package io.keyward.api.compromise;

import io.keyward.api.access.IncidentAccess;
import io.keyward.api.errors.ConflictException;
import io.keyward.api.errors.ForbiddenException;
import io.keyward.api.errors.HiddenException;
import io.keyward.api.errors.NotFoundException;
import io.keyward.api.incident.FreeText;
import io.keyward.api.refusal.Refusals;
import io.keyward.api.servicenow.TicketBinder;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.compromise.Acknowledgement;
import io.keyward.workflows.compromise.CompromiseReport;
import io.keyward.workflows.compromise.CompromiseResponseWorkflow;
import io.keyward.workflows.compromise.CompromiseRoles;
import io.keyward.workflows.compromise.CompromiseStartOptions;
import io.keyward.workflows.compromise.CompromiseState;
import io.keyward.workflows.compromise.TaskCompletion;
import io.keyward.workflows.incident.EvidenceVerification;
import io.keyward.workflows.incident.EvidenceVerifier;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.servicenow.TicketBinding;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Starts compromise responses and passes acknowledgements and task completions to them, for every
 * surface (API, web pages, Slack). How a response is started is {@link CompromiseStartOptions}. The
 * moment a report is accepted is stamped here, from this process's clock, and travels with the
 * report: the workflow measures the time to disable the key from it.
 */
public final class CompromiseResponses {
  private final WorkflowClient client;
  private final String taskQueue;
  private final AuditStore audit;
  private final EvidenceVerifier evidence;
  private final Refusals refusals;
  private final Clock clock;

  public CompromiseResponses(
      WorkflowClient client,
      String taskQueue,
      AuditStore audit,
      EvidenceVerifier evidence,
      Refusals refusals,
      Clock clock) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.audit = audit;
    this.evidence = evidence;
    this.refusals = refusals;
    this.clock = clock;
  }

  /**
   * Starts the response for the incident, or answers the one already running for it. A report for
   * an incident whose response ran for another key, or has finished, is refused.
   */
  public StartedResponse report(Actor reporter, CompromiseReportBody body) {
    return report(reporter, body, null);
  }

  /**
   * As {@link #report(Actor, CompromiseReportBody)}; {@code received} is the incident's record when
   * ServiceNow delivered it through the webhook, the only case in which the response writes to the
   * incident. Over the API the incident is a label: disabling the key never waits on a ServiceNow
   * lookup.
   */
  public StartedResponse report(Actor reporter, CompromiseReportBody body, TicketBinding received) {
    Instant accepted = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    if (!reporter.holdsAny(CompromiseRoles.REPORTERS)) {
      throw new ForbiddenException(
          reporter.id()
              + " may not report a compromise: reporters hold one of "
              + new TreeSet<>(CompromiseRoles.REPORTERS)
              + "; tell security operations");
    }
    if (body == null) {
      throw new IllegalArgumentException("a JSON request body is required");
    }
    CompromiseReport unbound = body.toReport(reporter, accepted);
    CompromiseReport report =
        unbound.withTicketBinding(TicketBinder.received(received, unbound.incident().value()));
    CompromiseResponseWorkflow workflow =
        client.newWorkflowStub(
            CompromiseResponseWorkflow.class, CompromiseStartOptions.of(report, taskQueue));
    WorkflowExecution execution;
    try {
      execution = WorkflowClient.start(workflow::run, report);
    } catch (WorkflowExecutionAlreadyStarted finished) {
      throw new ConflictException(
          "the response to incident "
              + report.incident()
              + " has already run and is "
              + state(report.incident()).phase()
              + "; report a new incident");
    }
    WorkflowExecutionDescription running =
        client.newUntypedWorkflowStub(execution.getWorkflowId()).describe();
    String runningKey = running.getTypedSearchAttributes().get(KeywardSearchAttributes.KEY_NAME);
    if (!report.key().toString().equals(runningKey)) {
      throw new ConflictException(
          "incident "
              + report.incident()
              + " is already the response to a compromise of "
              + runningKey
              + ", not "
              + report.key()
              + "; report a new incident for another key");
    }
    Object acceptedAt = running.getMemo(CompromiseStartOptions.ACCEPTED_AT, String.class);
    return new StartedResponse(
        execution.getWorkflowId(),
        execution.getRunId(),
        CompromiseResource.statusPath(report.incident()),
        runningKey,
        acceptedAt == null ? accepted : Instant.parse(acceptedAt.toString()));
  }

  public CompromiseState state(IncidentId incident) {
    try {
      return workflow(incident).state();
    } catch (WorkflowNotFoundException unknown) {
      throw new NotFoundException("no compromise response for incident " + incident);
    }
  }

  public CompromiseState acknowledge(IncidentId incident, Acknowledgement acknowledgement) {
    Objects.requireNonNull(
        Objects.requireNonNull(acknowledgement, "acknowledgement").actor(), "actor");
    var checked =
        new Acknowledgement(
            acknowledgement.actor(),
            FreeText.optional("note", acknowledgement.note(), Acknowledgement.MAX_NOTE));
    return update(
        incident, checked.actor(), "acknowledge", () -> workflow(incident).acknowledge(checked));
  }

  public CompromiseState completeTask(IncidentId incident, TaskCompletion completion) {
    Objects.requireNonNull(Objects.requireNonNull(completion, "completion").actor(), "actor");
    Objects.requireNonNull(completion.task(), "task");
    var checked =
        new TaskCompletion(
            completion.actor(),
            completion.task(),
            FreeText.required("summary", completion.summary(), TaskCompletion.MAX_SUMMARY));
    return update(
        incident,
        checked.actor(),
        "complete " + checked.task(),
        () -> workflow(incident).completeTask(checked));
  }

  /** The state for {@code who}, when {@link IncidentAccess} lets them see it; 403 otherwise. */
  public CompromiseState visibleState(Actor who, IncidentId incident) {
    CompromiseState state = state(incident);
    whyHidden(who, state, incident)
        .ifPresent(
            why -> {
              throw new HiddenException(why);
            });
    return state;
  }

  private static Optional<String> whyHidden(Actor who, CompromiseState state, IncidentId incident) {
    return IncidentAccess.maySee(who, state)
        ? Optional.empty()
        : Optional.of(
            "incident " + incident + " is visible to security responders and its reporter");
  }

  /** The audit records of the response, in chain order, for whoever may see the incident. */
  public List<AuditRecord> auditTrail(Actor who, IncidentId incident) {
    visibleState(who, incident);
    return audit.recordsFor(CompromiseReport.workflowId(incident));
  }

  /** Every evidence bundle of the incident, each verified against its seal and the trail. */
  public List<EvidenceVerification> verifyEvidence(Actor who, IncidentId incident) {
    visibleState(who, incident);
    return evidence.verifyAll(CompromiseReport.workflowId(incident));
  }

  private CompromiseState update(
      IncidentId incident, Actor actor, String attempt, Supplier<CompromiseState> send) {
    return refusals.send(
        CompromiseReport.workflowId(incident),
        actor,
        attempt,
        send,
        () -> "this incident response is closed (" + state(incident).phase() + ")",
        () -> whyHidden(actor, state(incident), incident));
  }

  private CompromiseResponseWorkflow workflow(IncidentId incident) {
    return client.newWorkflowStub(
        CompromiseResponseWorkflow.class, CompromiseReport.workflowId(incident));
  }
}
