package io.keyward.api.rotation;

import io.keyward.api.access.RotationAccess;
import io.keyward.api.errors.ForbiddenException;
import io.keyward.api.errors.NotFoundException;
import io.keyward.api.refusal.Refusals;
import io.keyward.api.servicenow.TicketBinder;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.policy.RotationRoles;
import io.keyward.workflows.rotation.ManualRotationWorkflow;
import io.keyward.workflows.rotation.ManualRotationWorkflowImpl;
import io.keyward.workflows.rotation.RotationPhase;
import io.keyward.workflows.rotation.RotationRequest;
import io.keyward.workflows.rotation.RotationState;
import io.keyward.workflows.servicenow.RecordType;
import io.keyward.workflows.servicenow.TicketBinding;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.TemporalFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Plans manual rotations (runbook 6.3) and passes people's decisions, reschedules and cancellations
 * to them. All Temporal plumbing of the rotation API lives here: workflow options, search
 * attributes, the Updates and the {@code state} query. Every identity it hands to a workflow is the
 * authenticated {@link Actor} its caller passes in.
 */
public final class ManualRotations {
  private final WorkflowClient client;
  private final String taskQueue;
  private final Duration stepTimeout;
  private final AuditStore audit;
  private final Refusals refusals;
  private final TicketBinder tickets;
  private final Clock clock;

  public ManualRotations(
      WorkflowClient client,
      String taskQueue,
      Duration stepTimeout,
      AuditStore audit,
      Refusals refusals,
      Clock clock,
      TicketBinder tickets) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.stepTimeout = stepTimeout;
    this.audit = audit;
    this.refusals = refusals;
    this.clock = clock;
    this.tickets = tickets;
  }

  /**
   * Checks the request, then starts its rotation, or finds the one already planned for the key.
   * Nothing starts when a check fails. A ticket the request names must be the requester's own in
   * ServiceNow ({@link TicketBinder}).
   */
  public StartedRotation plan(Actor requester, RotationRequestBody body) {
    return plan(requester, body, null);
  }

  /**
   * As {@link #plan(Actor, RotationRequestBody)}, for a ticket ServiceNow delivered through the
   * webhook: {@code received} binds it, so it is not looked up.
   */
  public StartedRotation plan(Actor requester, RotationRequestBody body, TicketBinding received) {
    if (!requester.holdsAny(RotationRoles.REQUESTERS)) {
      throw new ForbiddenException(
          requester.id()
              + " may not request a rotation: requesters hold one of "
              + new TreeSet<>(RotationRoles.REQUESTERS)
              + " (runbook 4.2)");
    }
    RotationRequest checked = requireBody(body).toRequest(requester, stepTimeout, clock);
    RotationRequest request =
        checked.withTicketBinding(
            received != null
                ? TicketBinder.received(received, checked.ticket())
                : tickets.bind(
                    checked.ticket(),
                    requester,
                    RecordType.ROTATION,
                    RotationRequest.workflowId(checked.key())));
    ManualRotationWorkflow workflow =
        client.newWorkflowStub(ManualRotationWorkflow.class, startOptions(request));
    WorkflowExecution execution = WorkflowClient.start(workflow::run, request);
    return StartedRotation.of(request.key(), execution.getWorkflowId(), execution.getRunId());
  }

  public RotationState state(KeyRef key) {
    try {
      return workflow(key).state();
    } catch (WorkflowNotFoundException unknown) {
      throw new NotFoundException("no rotation planned for " + key);
    }
  }

  /**
   * Sends the decision as the {@code decide} Update; a refusal is a 409 with the rotation's words.
   */
  public RotationState decide(KeyRef key, Actor actor, RotationDecisionBody body) {
    var decision = requireBody(body).toDecision(actor);
    return update(key, actor, decision.type().name(), () -> workflow(key).decide(decision));
  }

  public RotationState reschedule(KeyRef key, Actor actor, RescheduleBody body) {
    var reschedule = requireBody(body).toReschedule(actor, clock);
    return update(key, actor, "RESCHEDULE", () -> workflow(key).reschedule(reschedule));
  }

  public RotationState cancel(KeyRef key, Actor actor, CancelBody body) {
    var cancellation = requireBody(body).toCancellation(actor);
    return update(key, actor, "CANCEL", () -> workflow(key).cancel(cancellation));
  }

  /** The state for {@code who}, when {@link RotationAccess} lets them see it; 403 otherwise. */
  public RotationState visibleState(Actor who, KeyRef key) {
    RotationState state = state(key);
    if (!RotationAccess.maySee(who, state)) {
      throw new ForbiddenException(
          "the rotation of "
              + key
              + " is visible to key management, its requester, its participants and its"
              + " approvers");
    }
    return state;
  }

  /** The audit records of the rotation, in chain order, for whoever may see the rotation. */
  public List<AuditRecord> auditTrail(Actor who, KeyRef key) {
    visibleState(who, key);
    return audit.recordsFor(RotationRequest.workflowId(key));
  }

  private RotationState update(
      KeyRef key, Actor actor, String action, Supplier<RotationState> send) {
    return refusals.send(
        RotationRequest.workflowId(key), actor, action, send, () -> closed(state(key).phase()));
  }

  private WorkflowOptions startOptions(RotationRequest request) {
    SearchAttributes.Builder attributes =
        SearchAttributes.newBuilder()
            .set(KeywardSearchAttributes.KIND, ManualRotationWorkflowImpl.KIND_NAME)
            .set(KeywardSearchAttributes.PHASE, RotationPhase.SCHEDULED.name())
            .set(KeywardSearchAttributes.KEY_NAME, request.key().toString())
            .set(KeywardSearchAttributes.DUE_AT, request.rotationDate().atOffset(ZoneOffset.UTC));
    if (request.ticket() != null) {
      attributes.set(KeywardSearchAttributes.TICKET, request.ticket());
    }
    return WorkflowOptions.newBuilder()
        .setWorkflowId(RotationRequest.workflowId(request.key()))
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setTypedSearchAttributes(attributes.build())
        .setMemo(Map.of("summary", summary(request)))
        .build();
  }

  /** The line an operator reads in Temporal Web; the justification stays out of it. */
  private static String summary(RotationRequest request) {
    return "Key "
        + request.key()
        + " rotation on "
        + request.rotationDate()
        + " requested by "
        + request.requester().id()
        + ": "
        + RotationPhase.SCHEDULED;
  }

  private ManualRotationWorkflow workflow(KeyRef key) {
    return client.newWorkflowStub(ManualRotationWorkflow.class, RotationRequest.workflowId(key));
  }

  private static String closed(RotationPhase phase) {
    return "this rotation is closed (" + phase + ")";
  }

  private static String refusalMessage(WorkflowUpdateException refusal) {
    return refusal.getCause() instanceof TemporalFailure failure
        ? failure.getOriginalMessage()
        : refusal.getMessage();
  }

  private static <T> T requireBody(T body) {
    if (body == null) {
      throw new IllegalArgumentException("a JSON request body is required");
    }
    return body;
  }
}
