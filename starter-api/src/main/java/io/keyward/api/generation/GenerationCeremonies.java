package io.keyward.api.generation;

import io.keyward.api.access.GenerationAccess;
import io.keyward.api.auth.StepUp;
import io.keyward.api.auth.StepUp.SignInAgainException;
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
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.generation.Decision;
import io.keyward.workflows.generation.DecisionType;
import io.keyward.workflows.generation.GenerationOutcome;
import io.keyward.workflows.generation.GenerationPhase;
import io.keyward.workflows.generation.GenerationRequest;
import io.keyward.workflows.generation.GenerationStartOptions;
import io.keyward.workflows.generation.GenerationState;
import io.keyward.workflows.generation.KeyGenerationWorkflow;
import io.keyward.workflows.policy.CeremonyRoles;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.servicenow.RecordType;
import io.keyward.workflows.servicenow.TicketBinding;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Starts dual-control key generation ceremonies and passes people's decisions to them, for every
 * surface (API, web pages, Slack, ServiceNow): the {@code decide} Update, the {@code state} query
 * and who may read them. How a ceremony is started is {@link GenerationStartOptions}. Every
 * identity it hands to a workflow is the authenticated {@link Actor} its caller passes in.
 */
public final class GenerationCeremonies {
  /** The longest reason a decision may give. */
  public static final int MAX_REASON = 2000;

  private final WorkflowClient client;
  private final String taskQueue;
  private final Duration stepTimeout;
  private final AuditStore audit;
  private final Refusals refusals;
  private final StepUp stepUp;
  private final TicketBinder tickets;

  public GenerationCeremonies(
      WorkflowClient client,
      String taskQueue,
      Duration stepTimeout,
      AuditStore audit,
      Refusals refusals,
      TicketBinder tickets,
      StepUp stepUp) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.stepTimeout = stepTimeout;
    this.audit = audit;
    this.refusals = refusals;
    this.tickets = tickets;
    this.stepUp = stepUp;
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
        client.newWorkflowStub(
            KeyGenerationWorkflow.class, GenerationStartOptions.of(request, taskQueue));
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
   * Sends the decision as the {@code decide} Update and waits until the workflow has recorded it;
   * the Update's answer is the state after it. A decision the ceremony refuses (its validator, or a
   * closed request) is a 409 with the ceremony's own words, recorded by {@link Refusals}. Every
   * surface comes here with the person it authenticated in {@code decision}. A decision on an ULTRA
   * request needs a recent sign-in ({@link StepUp}); without one it is refused (401), recorded, and
   * sent to no ceremony (a person who may not see the request gets the 403 of reading it first).
   *
   * @param authenticatedAt when the decision's actor last proved who they are; null when unknown
   */
  public GenerationState decide(KeyRef key, Decision decision, Instant authenticatedAt) {
    Decision checked = checked(decision);
    if (!stepUp.isRecent(authenticatedAt)
        && visibleState(checked.actor(), key).request().classification() == Classification.ULTRA) {
      SignInAgainException refusal = stepUp.refusal("deciding an ULTRA step", authenticatedAt);
      refusals.record(
          GenerationRequest.workflowId(key),
          checked.actor().id(),
          checked.type().name(),
          refusal.getMessage(),
          Map.of());
      throw refusal;
    }
    return refusals.send(
        GenerationRequest.workflowId(key),
        checked.actor(),
        checked.type().name(),
        () -> workflow(key).decide(checked),
        () -> closed(state(key).phase()),
        () -> whyHidden(checked.actor(), state(key), key));
  }

  /**
   * Throws the 401 an ULTRA decision without a recent sign-in gets ({@link StepUp}), before a page
   * asks the person's security key to sign one; nothing is recorded here, the decision is.
   */
  public void requireRecentSignIn(Instant authenticatedAt) {
    if (!stepUp.isRecent(authenticatedAt)) {
      throw stepUp.refusal("deciding an ULTRA step", authenticatedAt);
    }
  }

  /**
   * The state for {@code who}, when {@link GenerationAccess} lets them see it; 403 otherwise, so a
   * request's justification reaches nobody without a part in it, on any surface.
   */
  public GenerationState visibleState(Actor who, KeyRef key) {
    GenerationState state = state(key);
    whyHidden(who, state, key)
        .ifPresent(
            why -> {
              throw new HiddenException(why);
            });
    return state;
  }

  private static Optional<String> whyHidden(Actor who, GenerationState state, KeyRef key) {
    if (GenerationAccess.maySee(who, state)) {
      return Optional.empty();
    }
    return Optional.of(
        "the generation request for "
            + key
            + " is visible to its requester, its participants, the roles that decide it and"
            + " security auditors");
  }

  /** The audit records of the ceremony, in chain order, for whoever may see the ceremony. */
  public List<AuditRecord> auditTrail(Actor who, KeyRef key) {
    visibleState(who, key);
    return audit.recordsFor(GenerationRequest.workflowId(key));
  }

  private KeyGenerationWorkflow workflow(KeyRef key) {
    return client.newWorkflowStub(KeyGenerationWorkflow.class, GenerationRequest.workflowId(key));
  }

  private static String closed(GenerationPhase phase) {
    return "this request is closed (" + phase + ")";
  }

  /** The decision with its reason stripped and bounded; a 400 when its type is missing. */
  private static Decision checked(Decision decision) {
    Objects.requireNonNull(Objects.requireNonNull(decision, "decision").actor(), "actor");
    if (decision.type() == null) {
      throw new IllegalArgumentException(
          "decision is required: one of " + Arrays.toString(DecisionType.values()));
    }
    return new Decision(
        decision.actor(), decision.type(), reasonOf(decision.reason()), decision.assertion());
  }

  /**
   * A decision's reason as the ceremony receives it (stripped, bounded): what a security key's
   * challenge must be computed over.
   */
  public static String reasonOf(String reason) {
    return FreeText.optional("reason", reason, MAX_REASON);
  }

  private static <T> T requireBody(T body) {
    if (body == null) {
      throw new IllegalArgumentException("a JSON request body is required");
    }
    return body;
  }
}
