package io.keyward.api.breakglass;

import io.keyward.api.access.BreakGlassAccess;
import io.keyward.api.errors.ConflictException;
import io.keyward.api.errors.ForbiddenException;
import io.keyward.api.errors.NotFoundException;
import io.keyward.api.refusal.Refusals;
import io.keyward.api.servicenow.TicketBinder;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.breakglass.AccessGrant;
import io.keyward.workflows.breakglass.AccessGrantStore;
import io.keyward.workflows.breakglass.BreakGlassDeclaration;
import io.keyward.workflows.breakglass.BreakGlassPhase;
import io.keyward.workflows.breakglass.BreakGlassRoles;
import io.keyward.workflows.breakglass.BreakGlassScope;
import io.keyward.workflows.breakglass.BreakGlassState;
import io.keyward.workflows.breakglass.BreakGlassWorkflow;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.directory.Directory;
import io.keyward.workflows.directory.DirectoryUser;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.servicenow.TicketBinding;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Declares break-glass sessions and passes people's steps to them. All Temporal plumbing of the
 * break-glass API lives here, and so does the one check the workflow cannot make: that an action
 * comes from the holder of a grant that is live in the grant store right now.
 */
public final class BreakGlassSessions {
  /** The value of {@code KeywardKind} for break-glass sessions. */
  public static final String KIND = "BreakGlass";

  private final WorkflowClient client;
  private final String taskQueue;
  private final Directory directory;
  private final AccessGrantStore grants;
  private final AuditStore audit;
  private final Refusals refusals;
  private final Clock clock;

  public BreakGlassSessions(
      WorkflowClient client,
      String taskQueue,
      Directory directory,
      AccessGrantStore grants,
      AuditStore audit,
      Refusals refusals,
      Clock clock) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.directory = directory;
    this.grants = grants;
    this.audit = audit;
    this.refusals = refusals;
    this.clock = clock;
  }

  /**
   * Checks the declaration completely, then starts its session, or answers the one already running
   * for the incident. Nothing starts when a check fails.
   */
  public StartedSession declare(Actor declarer, BreakGlassRequestBody body) {
    return declare(declarer, body, null);
  }

  /**
   * As {@link #declare(Actor, BreakGlassRequestBody)}; {@code received} is the incident's record
   * when ServiceNow delivered it through the webhook, the only case in which the session writes to
   * the incident. Over the API the incident is a label: an emergency never waits on a ServiceNow
   * lookup.
   */
  public StartedSession declare(
      Actor declarer, BreakGlassRequestBody body, TicketBinding received) {
    if (!declarer.holdsAny(BreakGlassRoles.DECLARERS)) {
      throw new ForbiddenException(
          declarer.id()
              + " may not declare a break-glass emergency: declarers hold one of "
              + new TreeSet<>(BreakGlassRoles.DECLARERS)
              + " (runbook 8.3)");
    }
    BreakGlassRequestBody checked = requireBody(body);
    String adminId = checked.adminId();
    DirectoryUser admin =
        directory
            .find(adminId)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "admin '" + adminId + "' is not a person in the directory"));
    BreakGlassDeclaration unbound = checked.toDeclaration(declarer, admin.toActor());
    BreakGlassDeclaration declaration =
        unbound.withTicketBinding(TicketBinder.received(received, unbound.incident().value()));
    BreakGlassRoles.refusalFor(declaration)
        .ifPresent(
            refusal -> {
              throw new IllegalArgumentException(refusal);
            });
    String workflowId = BreakGlassDeclaration.workflowId(declaration.incident());
    BreakGlassWorkflow workflow =
        client.newWorkflowStub(BreakGlassWorkflow.class, startOptions(declaration));
    try {
      WorkflowExecution execution = WorkflowClient.start(workflow::run, declaration);
      return started(declaration.incident(), execution);
    } catch (WorkflowExecutionAlreadyStarted earlier) {
      throw new ConflictException(
          "incident "
              + declaration.incident()
              + " already had a break-glass session, now "
              + state(declaration.incident()).phase()
              + "; declare a new incident for new access");
    }
  }

  public BreakGlassState state(IncidentId incident) {
    try {
      return workflow(incident).state();
    } catch (WorkflowNotFoundException unknown) {
      throw new NotFoundException("no break-glass session for incident " + incident);
    }
  }

  public BreakGlassState authorise(IncidentId incident, Actor actor, AuthorisationBody body) {
    var authorisation = requireBody(body).toAuthorisation(actor);
    return update(
        incident,
        actor,
        "authorise " + authorisation.decision(),
        () -> workflow(incident).authorise(authorisation));
  }

  /**
   * Records an action of the break-glass admin. The grant store is the authority on access: the
   * caller must hold the session's grant and it must be live now; only then does the workflow
   * record the action, in its history and the audit trail.
   */
  public BreakGlassState recordAction(IncidentId incident, Actor actor, ActionBody body) {
    var action = requireBody(body).toAction(actor);
    String workflowId = BreakGlassDeclaration.workflowId(incident);
    BreakGlassState current = state(incident);
    Optional<AccessGrant> grant = grants.liveGrant(workflowId, actor.id(), clock.instant());
    if (grant.isEmpty()) {
      throw refusals.forbidden(
          workflowId,
          actor.id(),
          "record action",
          actor.id()
              + " holds no live break-glass grant for incident "
              + incident
              + " (the session is "
              + current.phase()
              + ")");
    }
    return update(incident, actor, "record action", () -> workflow(incident).recordAction(action));
  }

  public BreakGlassState end(IncidentId incident, Actor actor, EndBody body) {
    var request = (body == null ? new EndBody(null) : body).toRequest(actor);
    return update(incident, actor, "end early", () -> workflow(incident).end(request));
  }

  public BreakGlassState review(IncidentId incident, Actor actor, ReviewBody body) {
    var review = requireBody(body).toReview(actor);
    return update(
        incident, actor, "complete review", () -> workflow(incident).completeReview(review));
  }

  /** The state for {@code who}, when {@link BreakGlassAccess} lets them see it; 403 otherwise. */
  public BreakGlassState visibleState(Actor who, IncidentId incident) {
    BreakGlassState state = state(incident);
    if (!BreakGlassAccess.maySee(who, state)) {
      throw new ForbiddenException(
          "the break-glass session of "
              + incident
              + " is visible to security, its authorisers, its declarer and its admin");
    }
    return state;
  }

  /** The audit records of the session, in chain order, for whoever may see the session. */
  public List<AuditRecord> auditTrail(Actor who, IncidentId incident) {
    visibleState(who, incident);
    return audit.recordsFor(BreakGlassDeclaration.workflowId(incident));
  }

  private BreakGlassState update(
      IncidentId incident, Actor actor, String attempt, Supplier<BreakGlassState> send) {
    return refusals.send(
        BreakGlassDeclaration.workflowId(incident),
        actor,
        attempt,
        send,
        () -> "this session is closed (" + state(incident).phase() + ")");
  }

  private WorkflowOptions startOptions(BreakGlassDeclaration declaration) {
    BreakGlassScope scope = declaration.scope();
    return WorkflowOptions.newBuilder()
        .setWorkflowId(BreakGlassDeclaration.workflowId(declaration.incident()))
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(KeywardSearchAttributes.KIND, KIND)
                .set(KeywardSearchAttributes.PHASE, BreakGlassPhase.ASSESSING_SCOPE.name())
                .set(KeywardSearchAttributes.INCIDENT, declaration.incident().value())
                .set(KeywardSearchAttributes.KEY_NAME, scope.searchKeyName())
                .build())
        .setMemo(
            Map.of(
                "summary",
                "Break-glass for "
                    + declaration.incident()
                    + ": "
                    + declaration.admin().id()
                    + " on "
                    + scope.describe()
                    + ", declared by "
                    + declaration.declarer().id()
                    + ": "
                    + BreakGlassPhase.ASSESSING_SCOPE))
        .build();
  }

  private BreakGlassWorkflow workflow(IncidentId incident) {
    return client.newWorkflowStub(
        BreakGlassWorkflow.class, BreakGlassDeclaration.workflowId(incident));
  }

  private static StartedSession started(IncidentId incident, WorkflowExecution execution) {
    return new StartedSession(
        execution.getWorkflowId(), execution.getRunId(), BreakGlassResource.statusPath(incident));
  }

  private static <T> T requireBody(T body) {
    if (body == null) {
      throw new IllegalArgumentException("a JSON request body is required");
    }
    return body;
  }
}
