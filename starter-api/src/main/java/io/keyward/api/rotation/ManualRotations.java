package io.keyward.api.rotation;

import io.keyward.api.access.RotationAccess;
import io.keyward.api.errors.ForbiddenException;
import io.keyward.api.errors.HiddenException;
import io.keyward.api.errors.NotFoundException;
import io.keyward.api.incident.FreeText;
import io.keyward.api.refusal.Refusals;
import io.keyward.api.servicenow.TicketBinder;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.RotationRoles;
import io.keyward.workflows.rotation.Cancellation;
import io.keyward.workflows.rotation.ManualRotationWorkflow;
import io.keyward.workflows.rotation.Reschedule;
import io.keyward.workflows.rotation.RotationDecision;
import io.keyward.workflows.rotation.RotationDecisionType;
import io.keyward.workflows.rotation.RotationPhase;
import io.keyward.workflows.rotation.RotationRequest;
import io.keyward.workflows.rotation.RotationStartOptions;
import io.keyward.workflows.rotation.RotationState;
import io.keyward.workflows.servicenow.RecordType;
import io.keyward.workflows.servicenow.TicketBinding;
import io.keyward.workflows.webauthn.DecisionChallenge;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Plans manual rotations (runbook 6.3) and passes people's decisions, reschedules and cancellations
 * to them, for every surface (API, web pages, Slack, ServiceNow): the Updates, the {@code state}
 * query and who may read them. How a rotation is started is {@link RotationStartOptions}. Every
 * identity it hands to a workflow is the authenticated {@link Actor} its caller passes in.
 */
public final class ManualRotations {
  /** The longest reason a decision, reschedule or cancellation may give. */
  public static final int MAX_REASON = 2000;

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
        client.newWorkflowStub(
            ManualRotationWorkflow.class, RotationStartOptions.of(request, taskQueue));
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
   * Sends the decision as the {@code decide} Update; the Update answers the state after it. A
   * refusal is a 409 with the rotation's words. Every surface comes here with the person it
   * authenticated in {@code decision}.
   */
  public RotationState decide(KeyRef key, RotationDecision decision) {
    Objects.requireNonNull(Objects.requireNonNull(decision, "decision").actor(), "actor");
    if (decision.type() == null) {
      throw new IllegalArgumentException(
          "decision is required: one of " + Arrays.toString(RotationDecisionType.values()));
    }
    var checked =
        new RotationDecision(
            decision.actor(),
            decision.type(),
            reasonAsDecided(decision.reason()),
            decision.assertion());
    return update(key, checked.actor(), checked.type().name(), () -> workflow(key).decide(checked));
  }

  /**
   * The step a decision of {@code type} answers now, as its challenge names it ({@code
   * APPROVE@AWAITING_APPROVAL}), for {@code who} when they may see the rotation.
   */
  public String stepFor(Actor who, KeyRef key, RotationDecisionType type) {
    if (type == null) {
      throw new IllegalArgumentException(
          "decision is required: one of " + Arrays.toString(RotationDecisionType.values()));
    }
    return DecisionChallenge.step(type.name(), visibleState(who, key).phase().name());
  }

  /**
   * The reason as {@link #decide} sends it to the workflow (stripped; blank is none), which is the
   * reason a decision's challenge must be made over.
   */
  public static String reasonAsDecided(String reason) {
    return FreeText.optional("reason", reason, MAX_REASON);
  }

  /** Moves the date T; it must be in the future and within the planning horizon. */
  public RotationState reschedule(KeyRef key, Reschedule reschedule) {
    Objects.requireNonNull(Objects.requireNonNull(reschedule, "reschedule").actor(), "actor");
    var checked =
        new Reschedule(
            reschedule.actor(),
            RotationDates.check("rotationDate", reschedule.rotationDate(), clock),
            FreeText.optional("reason", reschedule.reason(), MAX_REASON));
    return update(key, checked.actor(), "RESCHEDULE", () -> workflow(key).reschedule(checked));
  }

  public RotationState cancel(KeyRef key, Cancellation cancellation) {
    Objects.requireNonNull(Objects.requireNonNull(cancellation, "cancellation").actor(), "actor");
    var checked =
        new Cancellation(
            cancellation.actor(), FreeText.optional("reason", cancellation.reason(), MAX_REASON));
    return update(key, checked.actor(), "CANCEL", () -> workflow(key).cancel(checked));
  }

  /** The state for {@code who}, when {@link RotationAccess} lets them see it; 403 otherwise. */
  public RotationState visibleState(Actor who, KeyRef key) {
    RotationState state = state(key);
    whyHidden(who, state, key)
        .ifPresent(
            why -> {
              throw new HiddenException(why);
            });
    return state;
  }

  private static Optional<String> whyHidden(Actor who, RotationState state, KeyRef key) {
    if (RotationAccess.maySee(who, state)) {
      return Optional.empty();
    }
    return Optional.of(
        "the rotation of "
            + key
            + " is visible to key management, its requester, its participants and its"
            + " approvers");
  }

  /** The audit records of the rotation, in chain order, for whoever may see the rotation. */
  public List<AuditRecord> auditTrail(Actor who, KeyRef key) {
    visibleState(who, key);
    return audit.recordsFor(RotationRequest.workflowId(key));
  }

  private RotationState update(
      KeyRef key, Actor actor, String action, Supplier<RotationState> send) {
    return refusals.send(
        RotationRequest.workflowId(key),
        actor,
        action,
        send,
        () -> closed(state(key).phase()),
        () -> whyHidden(actor, state(key), key));
  }

  private ManualRotationWorkflow workflow(KeyRef key) {
    return client.newWorkflowStub(ManualRotationWorkflow.class, RotationRequest.workflowId(key));
  }

  private static String closed(RotationPhase phase) {
    return "this rotation is closed (" + phase + ")";
  }

  private static <T> T requireBody(T body) {
    if (body == null) {
      throw new IllegalArgumentException("a JSON request body is required");
    }
    return body;
  }
}
