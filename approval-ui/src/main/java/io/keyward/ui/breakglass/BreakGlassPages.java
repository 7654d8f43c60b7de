package io.keyward.ui.breakglass;

import io.keyward.api.access.BreakGlassAccess;
import io.keyward.api.breakglass.BreakGlassSessions;
import io.keyward.api.errors.ForbiddenException;
import io.keyward.api.webauthn.AssertionRequest;
import io.keyward.api.webauthn.SecurityKeys;
import io.keyward.ui.inbox.Listing;
import io.keyward.ui.inbox.RunRef;
import io.keyward.ui.inbox.WorkflowRuns;
import io.keyward.ui.pages.Area;
import io.keyward.ui.pages.AssertionFields;
import io.keyward.ui.pages.FormValues;
import io.keyward.ui.pages.Pages;
import io.keyward.ui.pages.RequestPage;
import io.keyward.ui.pages.TemporalWebLinks;
import io.keyward.ui.session.SignedIn;
import io.keyward.ui.session.SignedInFilter;
import io.keyward.ui.session.UiSession;
import io.keyward.workflows.breakglass.Authorisation;
import io.keyward.workflows.breakglass.AuthorisationDecision;
import io.keyward.workflows.breakglass.BreakGlassDeclaration;
import io.keyward.workflows.breakglass.BreakGlassState;
import io.keyward.workflows.breakglass.EndRequest;
import io.keyward.workflows.breakglass.Review;
import io.keyward.workflows.breakglass.SessionAction;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.webauthn.DecisionChallenge;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The break-glass console and the page of each session (runbook 8.3). Every step goes to {@link
 * BreakGlassSessions}, the service of the API, so the same refusals apply in the same words.
 */
@Path("/ui/break-glass")
@SignedIn
public final class BreakGlassPages {
  private static final Logger LOG = LoggerFactory.getLogger(BreakGlassPages.class);

  private final BreakGlassSessions sessions;
  private final SecurityKeys securityKeys;
  private final WorkflowRuns runs;
  private final Pages pages;
  private final TemporalWebLinks temporalWeb;
  private final Clock clock;
  private final RequestPage<IncidentId, BreakGlassState> requestPage;

  public BreakGlassPages(
      BreakGlassSessions sessions,
      SecurityKeys securityKeys,
      WorkflowRuns runs,
      Pages pages,
      TemporalWebLinks temporalWeb,
      Clock clock) {
    this.sessions = sessions;
    this.securityKeys = securityKeys;
    this.runs = runs;
    this.pages = pages;
    this.temporalWeb = temporalWeb;
    this.clock = clock;
    this.requestPage =
        new RequestPage<>(
            pages,
            (me, id) -> sessions.visibleState(me.actor(), id),
            BreakGlassView::revision,
            state -> state.phase().name(),
            BreakGlassPages::pathOf);
  }

  /** {@code /ui/break-glass/<incident>}. */
  public static String pathOf(IncidentId incident) {
    return "/ui/break-glass/" + incident.value();
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response console(@Context ContainerRequestContext request) {
    UiSession me = SignedInFilter.sessionOf(request);
    try {
      requireConsole(me);
      Sessions found = inProgress(me);
      Instant now = clock.instant();
      return pages.page(
          "break-glass",
          new BreakGlassConsole(
              pages.layout(me, "Break-glass", Area.BREAK_GLASS),
              consoleRevision(found),
              found.states().stream().map(state -> BreakGlassConsole.row(state, now)).toList(),
              found.listing().note(),
              found.unreadable()));
    } catch (RuntimeException failure) {
      return pages.failure(me, failure);
    }
  }

  /** What the console polls: changes when a session starts, moves or records an action. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response consoleStatus(@Context ContainerRequestContext request) {
    UiSession me = SignedInFilter.sessionOf(request);
    requireConsole(me);
    return Response.ok(Map.of("revision", consoleRevision(inProgress(me)))).build();
  }

  private static String consoleRevision(Sessions found) {
    return found.states().stream()
        .map(state -> state.declaration().incident() + ":" + BreakGlassView.revision(state))
        .collect(Collectors.joining(","));
  }

  @GET
  @Path("/{incident}")
  @Produces(MediaType.TEXT_HTML)
  public Response session(
      @Context ContainerRequestContext request, @PathParam("incident") String incident) {
    UiSession me = SignedInFilter.sessionOf(request);
    return requestPage.page(
        me,
        () -> new IncidentId(incident),
        "break-glass-session",
        (id, state) ->
            BreakGlassView.of(
                pages.layout(me, "Break-glass " + id, Area.BREAK_GLASS),
                state,
                me.actor(),
                clock.instant(),
                temporalWeb.workflow(BreakGlassDeclaration.workflowId(id)).orElse(null)));
  }

  @GET
  @Path("/{incident}/status")
  @Produces(MediaType.APPLICATION_JSON)
  public Response status(
      @Context ContainerRequestContext request, @PathParam("incident") String incident) {
    return requestPage.status(SignedInFilter.sessionOf(request), () -> new IncidentId(incident));
  }

  @POST
  @Path("/{incident}/authorisations")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response authorise(
      @Context ContainerRequestContext request,
      @PathParam("incident") String incident,
      @FormParam("decision") String decision,
      @FormParam("reason") String reason,
      @BeanParam AssertionFields signed) {
    UiSession me = SignedInFilter.sessionOf(request);
    return requestPage.step(
        me,
        () -> new IncidentId(incident),
        id -> {
          sessions.authorise(
              id,
              new Authorisation(
                  me.actor(),
                  FormValues.decision(
                      AuthorisationDecision.class, decision, "choose APPROVE or DENY"),
                  reason,
                  signed.assertion()),
              me.authenticatedAt());
          return "APPROVE".equalsIgnoreCase(decision)
              ? "You approved the access."
              : "You denied the access.";
        });
  }

  /**
   * The challenge the person's security key signs for {@code decision} with {@code reason} on a
   * level 2 or 3 session, for the page's script; a 401 when their sign-in is not recent enough (the
   * page then sends the decision as it is, and is answered to sign in again), a 409 with the reason
   * when they have no approved key.
   */
  @POST
  @Path("/{incident}/decision-challenge")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  public AssertionRequest challenge(
      @Context ContainerRequestContext request,
      @PathParam("incident") String incident,
      @FormParam("decision") String decision,
      @FormParam("reason") String reason) {
    UiSession me = SignedInFilter.sessionOf(request);
    IncidentId id = new IncidentId(incident);
    AuthorisationDecision type =
        FormValues.decision(AuthorisationDecision.class, decision, "choose APPROVE or DENY");
    BreakGlassState state = sessions.visibleState(me.actor(), id);
    sessions.requireRecentSignIn(me.authenticatedAt());
    return securityKeys.assertionRequest(
        me.actor(),
        BreakGlassDeclaration.workflowId(id),
        DecisionChallenge.step(type.name(), state.phase().name()),
        BreakGlassSessions.reasonOf(reason));
  }

  @POST
  @Path("/{incident}/actions")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response recordAction(
      @Context ContainerRequestContext request,
      @PathParam("incident") String incident,
      @FormParam("key") String key,
      @FormParam("action") String action,
      @FormParam("detail") String detail) {
    UiSession me = SignedInFilter.sessionOf(request);
    return requestPage.step(
        me,
        () -> new IncidentId(incident),
        id -> {
          sessions.recordAction(
              id, new SessionAction(me.actor(), SessionAction.keyOf(key), action, detail));
          return "Your action is recorded.";
        });
  }

  @POST
  @Path("/{incident}/end")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response end(
      @Context ContainerRequestContext request,
      @PathParam("incident") String incident,
      @FormParam("reason") String reason) {
    UiSession me = SignedInFilter.sessionOf(request);
    return requestPage.step(
        me,
        () -> new IncidentId(incident),
        id -> {
          sessions.end(id, new EndRequest(me.actor(), reason));
          return "You ended the session; the access is being revoked.";
        });
  }

  @POST
  @Path("/{incident}/review")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response review(
      @Context ContainerRequestContext request,
      @PathParam("incident") String incident,
      @FormParam("findings") String findings) {
    UiSession me = SignedInFilter.sessionOf(request);
    return requestPage.step(
        me,
        () -> new IncidentId(incident),
        id -> {
          sessions.review(id, new Review(me.actor(), findings));
          return "Your review is recorded; the session is closed.";
        });
  }

  private static void requireConsole(UiSession me) {
    if (!Area.BREAK_GLASS.openTo(me.user().roles())) {
      throw new ForbiddenException(
          "the break-glass console is for security, the executives who authorise access and"
              + " auditors");
    }
  }

  private record Sessions(List<BreakGlassState> states, Listing listing, int unreadable) {}

  private Sessions inProgress(UiSession me) {
    Listing listing = runs.running(BreakGlassWaiting.WORKFLOW_TYPE);
    List<BreakGlassState> states = new ArrayList<>();
    int unreadable = 0;
    for (RunRef run : listing.runs()) {
      Optional<IncidentId> incident = BreakGlassWaiting.incidentOf(run.workflowId());
      if (incident.isEmpty()) {
        continue;
      }
      try {
        BreakGlassState state = sessions.state(incident.get());
        if (!state.phase().isFinal() && BreakGlassAccess.maySee(me.actor(), state)) {
          states.add(state);
        }
      } catch (RuntimeException failure) {
        unreadable++;
        LOG.warn("Could not read break-glass session {}: {}", run.workflowId(), failure.toString());
      }
    }
    states.sort(
        java.util.Comparator.comparing((BreakGlassState s) -> s.declaration().incident().value()));
    return new Sessions(states, listing, unreadable);
  }
}
