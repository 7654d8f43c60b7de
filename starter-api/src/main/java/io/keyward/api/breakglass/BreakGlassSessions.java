package io.keyward.api.breakglass;

import io.keyward.api.access.BreakGlassAccess;
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
import io.keyward.workflows.breakglass.AccessGrant;
import io.keyward.workflows.breakglass.AccessGrantStore;
import io.keyward.workflows.breakglass.Authorisation;
import io.keyward.workflows.breakglass.AuthorisationDecision;
import io.keyward.workflows.breakglass.BreakGlassDeclaration;
import io.keyward.workflows.breakglass.BreakGlassLevel;
import io.keyward.workflows.breakglass.BreakGlassRoles;
import io.keyward.workflows.breakglass.BreakGlassStartOptions;
import io.keyward.workflows.breakglass.BreakGlassState;
import io.keyward.workflows.breakglass.BreakGlassWorkflow;
import io.keyward.workflows.breakglass.EndRequest;
import io.keyward.workflows.breakglass.Review;
import io.keyward.workflows.breakglass.SessionAction;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.directory.Directory;
import io.keyward.workflows.directory.DirectoryUser;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.servicenow.TicketBinding;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Declares break-glass sessions and passes people's steps to them, for every surface (API, web
 * pages, Slack). How a session is started is {@link BreakGlassStartOptions}. Here too is the one
 * check the workflow cannot make: that an action comes from the holder of a grant that is live in
 * the grant store right now.
 */
public final class BreakGlassSessions {
  /** The longest reason an authorisation or an early end may give. */
  public static final int MAX_REASON = 2000;

  private final WorkflowClient client;
  private final String taskQueue;
  private final Directory directory;
  private final AccessGrantStore grants;
  private final AuditStore audit;
  private final Refusals refusals;
  private final Clock clock;
  private final StepUp stepUp;

  public BreakGlassSessions(
      WorkflowClient client,
      String taskQueue,
      Directory directory,
      AccessGrantStore grants,
      AuditStore audit,
      Refusals refusals,
      Clock clock,
      StepUp stepUp) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.directory = directory;
    this.grants = grants;
    this.audit = audit;
    this.refusals = refusals;
    this.clock = clock;
    this.stepUp = stepUp;
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
        client.newWorkflowStub(
            BreakGlassWorkflow.class, BreakGlassStartOptions.of(declaration, taskQueue));
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

  /**
   * Authorises or denies the session as the authorisation's actor. A level 2 or 3 session (ULTRA or
   * root CA keys in scope) needs a recent sign-in ({@link StepUp}); without one the attempt is
   * refused (401), recorded, and sent to no ceremony.
   *
   * @param authenticatedAt when the actor last proved who they are; null when unknown
   */
  public BreakGlassState authorise(
      IncidentId incident, Authorisation authorisation, Instant authenticatedAt) {
    Objects.requireNonNull(Objects.requireNonNull(authorisation, "authorisation").actor(), "actor");
    if (authorisation.decision() == null) {
      throw new IllegalArgumentException(
          "decision is required: one of " + Arrays.toString(AuthorisationDecision.values()));
    }
    var checked =
        new Authorisation(
            authorisation.actor(),
            authorisation.decision(),
            reasonOf(authorisation.reason()),
            authorisation.assertion());
    if (!stepUp.isRecent(authenticatedAt)) {
      BreakGlassState current = state(incident);
      if (current.assessment() != null && current.assessment().level() != BreakGlassLevel.L1) {
        SignInAgainException refusal =
            stepUp.refusal(
                "authorising a level "
                    + current.assessment().level().name().substring(1)
                    + " break-glass session",
                authenticatedAt);
        refusals.record(
            BreakGlassDeclaration.workflowId(incident),
            checked.actor().id(),
            "authorise " + checked.decision(),
            refusal.getMessage(),
            Map.of());
        throw refusal;
      }
    }
    return update(
        incident,
        checked.actor(),
        "authorise " + checked.decision(),
        () -> workflow(incident).authorise(checked));
  }

  /**
   * An authorisation's reason as the session receives it (stripped, bounded): what a security key's
   * challenge must be computed over.
   */
  public static String reasonOf(String reason) {
    return FreeText.optional("reason", reason, MAX_REASON);
  }

  /**
   * Throws the 401 a level 2 or 3 authorisation without a recent sign-in gets ({@link StepUp}),
   * before a page asks the person's security key to sign one; nothing is recorded here.
   */
  public void requireRecentSignIn(Instant authenticatedAt) {
    if (!stepUp.isRecent(authenticatedAt)) {
      throw stepUp.refusal("authorising a level 2 or 3 break-glass session", authenticatedAt);
    }
  }

  /**
   * Records an action of the break-glass admin. The grant store is the authority on access: the
   * caller must hold the session's grant and it must be live now; only then does the workflow
   * record the action, in its history and the audit trail.
   */
  public BreakGlassState recordAction(IncidentId incident, SessionAction action) {
    Actor actor = Objects.requireNonNull(Objects.requireNonNull(action, "action").actor(), "actor");
    if (action.action() == null || action.action().isBlank()) {
      throw new IllegalArgumentException("action is required: what was done with the access");
    }
    var checked =
        new SessionAction(
            actor,
            action.key(),
            FreeText.required("action", action.action(), SessionAction.MAX_ACTION),
            FreeText.optional("detail", action.detail(), SessionAction.MAX_DETAIL));
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
    return update(incident, actor, "record action", () -> workflow(incident).recordAction(checked));
  }

  public BreakGlassState end(IncidentId incident, EndRequest request) {
    Objects.requireNonNull(Objects.requireNonNull(request, "request").actor(), "actor");
    var checked =
        new EndRequest(request.actor(), FreeText.optional("reason", request.reason(), MAX_REASON));
    return update(incident, checked.actor(), "end early", () -> workflow(incident).end(checked));
  }

  public BreakGlassState review(IncidentId incident, Review review) {
    Objects.requireNonNull(Objects.requireNonNull(review, "review").actor(), "actor");
    var checked =
        new Review(
            review.actor(), FreeText.required("findings", review.findings(), Review.MAX_FINDINGS));
    return update(
        incident,
        checked.actor(),
        "complete review",
        () -> workflow(incident).completeReview(checked));
  }

  /** The state for {@code who}, when {@link BreakGlassAccess} lets them see it; 403 otherwise. */
  public BreakGlassState visibleState(Actor who, IncidentId incident) {
    BreakGlassState state = state(incident);
    whyHidden(who, state, incident)
        .ifPresent(
            why -> {
              throw new HiddenException(why);
            });
    return state;
  }

  private static Optional<String> whyHidden(Actor who, BreakGlassState state, IncidentId incident) {
    if (BreakGlassAccess.maySee(who, state)) {
      return Optional.empty();
    }
    return Optional.of(
        "the break-glass session of "
            + incident
            + " is visible to security, its authorisers, its declarer and its admin");
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
        () -> "this session is closed (" + state(incident).phase() + ")",
        () -> whyHidden(actor, state(incident), incident));
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
