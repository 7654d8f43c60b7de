package io.keyward.api.generation;

import io.keyward.api.access.GenerationAccess;
import io.keyward.api.errors.ConflictException;
import io.keyward.api.errors.ForbiddenException;
import io.keyward.api.errors.NotFoundException;
import io.keyward.api.refusal.Refusals;
import io.keyward.api.servicenow.TicketBinder;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.generation.Decision;
import io.keyward.workflows.generation.GenerationOutcome;
import io.keyward.workflows.generation.GenerationPhase;
import io.keyward.workflows.generation.GenerationRequest;
import io.keyward.workflows.generation.GenerationState;
import io.keyward.workflows.generation.KeyGenerationWorkflow;
import io.keyward.workflows.policy.CeremonyRoles;
import io.keyward.workflows.servicenow.RecordType;
import io.keyward.workflows.servicenow.TicketBinding;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Starts dual-control key generation ceremonies and passes people's decisions to them. All Temporal
 * plumbing of the API lives here: workflow options, search attributes, the {@code decide} Update
 * and the {@code state} query. Every identity it hands to a workflow is the authenticated {@link
 * Actor} its caller passes in.
 */
public final class GenerationCeremonies {
  /** The value of {@code KeywardKind} for these ceremonies. */
  public static final String KIND = "KeyGeneration";

  private final WorkflowClient client;
  private final String taskQueue;
  private final Duration stepTimeout;
  private final AuditStore audit;
  private final Refusals refusals;
  private final TicketBinder tickets;

  public GenerationCeremonies(
      WorkflowClient client,
      String taskQueue,
      Duration stepTimeout,
      AuditStore audit,
      Refusals refusals,
      TicketBinder tickets) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.stepTimeout = stepTimeout;
    this.audit = audit;
    this.refusals = refusals;
    this.tickets = tickets;
  }

  /**
   * Checks the request completely, then starts its ceremony, or finds the one already running for
   * the same key. Nothing starts when a check fails. A ticket the request names must be the
   * requester's own in ServiceNow ({@link TicketBinder}).
   */
  public StartedGeneration request(Actor requester, GenerationRequestBody body) {
    return request(requester, body, null);
  }

  /**
   * As {@link #request(Actor, GenerationRequestBody)}, for a ticket ServiceNow delivered through
   * the webhook: {@code received} binds it, so it is not looked up.
   */
  public StartedGeneration request(
      Actor requester, GenerationRequestBody body, TicketBinding received) {
    if (!requester.holdsAny(CeremonyRoles.REQUESTERS)) {
      throw new ForbiddenException(
          requester.id()
              + " may not request keys: requesters hold one of "
              + new TreeSet<>(CeremonyRoles.REQUESTERS)
              + " (runbook 4.2)");
    }
    GenerationRequest request = requireBody(body).toRequest(requester, stepTimeout);
    refuseIfAlreadyRegistered(request.key());
    request =
        request.withTicketBinding(
            received != null
                ? TicketBinder.received(received, request.ticket())
                : tickets.bind(
                    request.ticket(),
                    requester,
                    RecordType.KEY_GENERATION,
                    GenerationRequest.workflowId(request.key())));
    KeyGenerationWorkflow workflow =
        client.newWorkflowStub(KeyGenerationWorkflow.class, startOptions(request));
    WorkflowExecution execution = WorkflowClient.start(workflow::run, request);
    return StartedGeneration.of(request.key(), execution.getWorkflowId(), execution.getRunId());
  }

  /**
   * A key that an earlier ceremony registered is rotated, never generated again: a second ceremony
   * would quietly add a version outside the rotation's dual control. A denied, expired or failed
   * request may be asked again.
   */
  private void refuseIfAlreadyRegistered(KeyRef key) {
    WorkflowStub last = client.newUntypedWorkflowStub(GenerationRequest.workflowId(key));
    try {
      if (last.describe().getStatus()
          != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
        return;
      }
    } catch (WorkflowNotFoundException never) {
      return;
    }
    GenerationOutcome outcome = last.getResult(GenerationOutcome.class);
    if (outcome.phase() == GenerationPhase.REGISTERED) {
      throw new ConflictException(
          key
              + " was already generated and registered (version "
              + outcome.keyVersion().version()
              + "); rotate it instead (POST /api/rotations, or its lifecycle)");
    }
  }

  /** The ceremony's state as its query returns it. */
  public GenerationState state(KeyRef key) {
    try {
      return workflow(key).state();
    } catch (WorkflowNotFoundException unknown) {
      throw new NotFoundException("no generation request for " + key);
    }
  }

  /**
   * Sends the decision as the {@code decide} Update and waits until the workflow has recorded it. A
   * decision the ceremony refuses (its validator, or a closed request) is a 409 with the ceremony's
   * own words, recorded by {@link Refusals}.
   */
  public GenerationState decide(KeyRef key, Actor actor, DecisionBody body) {
    Decision decision = requireBody(body).toDecision(actor);
    return refusals.send(
        GenerationRequest.workflowId(key),
        actor,
        decision.type().name(),
        () -> workflow(key).decide(decision),
        () -> closed(state(key).phase()));
  }

  /**
   * The state for {@code who}, when {@link GenerationAccess} lets them see it; 403 otherwise, so a
   * request's justification reaches nobody without a part in it, on any surface.
   */
  public GenerationState visibleState(Actor who, KeyRef key) {
    GenerationState state = state(key);
    if (!GenerationAccess.maySee(who, state)) {
      throw new ForbiddenException(
          "the generation request for "
              + key
              + " is visible to its requester, its participants, the roles that decide it and"
              + " security auditors");
    }
    return state;
  }

  /** The audit records of the ceremony, in chain order, for whoever may see the ceremony. */
  public List<AuditRecord> auditTrail(Actor who, KeyRef key) {
    visibleState(who, key);
    return audit.recordsFor(GenerationRequest.workflowId(key));
  }

  private WorkflowOptions startOptions(GenerationRequest request) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(GenerationRequest.workflowId(request.key()))
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setTypedSearchAttributes(searchAttributes(request))
        .setMemo(Map.of("summary", summary(request)))
        .build();
  }

  private static SearchAttributes searchAttributes(GenerationRequest request) {
    SearchAttributes.Builder attributes =
        SearchAttributes.newBuilder()
            .set(KeywardSearchAttributes.KIND, KIND)
            .set(KeywardSearchAttributes.PHASE, GenerationPhase.AWAITING_APPROVAL.name())
            .set(KeywardSearchAttributes.KEY_NAME, request.key().toString())
            .set(KeywardSearchAttributes.CLASSIFICATION, request.classification().name());
    if (request.ticket() != null) {
      attributes.set(KeywardSearchAttributes.TICKET, request.ticket());
    }
    return attributes.build();
  }

  /** The line an operator reads in Temporal Web; the justification stays out of it. */
  private static String summary(GenerationRequest request) {
    return request.spec().describe()
        + " "
        + request.classification()
        + " key "
        + request.key()
        + " requested by "
        + request.requester().id()
        + (request.ticket() == null ? "" : " (" + request.ticket() + ")")
        + ": "
        + GenerationPhase.AWAITING_APPROVAL;
  }

  private KeyGenerationWorkflow workflow(KeyRef key) {
    return client.newWorkflowStub(KeyGenerationWorkflow.class, GenerationRequest.workflowId(key));
  }

  private static String closed(GenerationPhase phase) {
    return "this request is closed (" + phase + ")";
  }

  private static <T> T requireBody(T body) {
    if (body == null) {
      throw new IllegalArgumentException("a JSON request body is required");
    }
    return body;
  }
}
