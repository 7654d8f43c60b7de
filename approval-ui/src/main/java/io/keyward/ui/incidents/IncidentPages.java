package io.keyward.ui.incidents;

import io.keyward.api.compromise.CompromiseResponses;
import io.keyward.api.errors.ForbiddenException;
import io.keyward.ui.inbox.Listing;
import io.keyward.ui.inbox.RunRef;
import io.keyward.ui.inbox.WorkflowRuns;
import io.keyward.ui.pages.Area;
import io.keyward.ui.pages.Pages;
import io.keyward.ui.pages.RequestPage;
import io.keyward.ui.pages.TemporalWebLinks;
import io.keyward.ui.session.SignedIn;
import io.keyward.ui.session.SignedInFilter;
import io.keyward.ui.session.UiSession;
import io.keyward.workflows.compromise.Acknowledgement;
import io.keyward.workflows.compromise.CompromiseReport;
import io.keyward.workflows.compromise.CompromiseState;
import io.keyward.workflows.compromise.FollowUpKind;
import io.keyward.workflows.compromise.TaskCompletion;
import io.keyward.workflows.incident.IncidentId;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incidents page and the page of each compromise response (runbook 11). Acknowledgements and
 * follow-up tasks go to {@link CompromiseResponses}, the service of the API, so the same refusals
 * apply in the same words.
 */
@Path("/ui/incidents")
@SignedIn
public final class IncidentPages {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentPages.class);

  private final CompromiseResponses responses;
  private final WorkflowRuns runs;
  private final Pages pages;
  private final TemporalWebLinks temporalWeb;
  private final Clock clock;
  private final RequestPage<IncidentId, CompromiseState> requestPage;

  public IncidentPages(
      CompromiseResponses responses,
      WorkflowRuns runs,
      Pages pages,
      TemporalWebLinks temporalWeb,
      Clock clock) {
    this.responses = responses;
    this.runs = runs;
    this.pages = pages;
    this.temporalWeb = temporalWeb;
    this.clock = clock;
    this.requestPage =
        new RequestPage<>(
            pages,
            (me, id) -> responses.visibleState(me.actor(), id),
            IncidentView::revision,
            state -> state.phase().name(),
            IncidentPages::pathOf);
  }

  /** {@code /ui/incidents/<incident>}. */
  public static String pathOf(IncidentId incident) {
    return "/ui/incidents/" + incident.value();
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response list(@Context ContainerRequestContext request) {
    UiSession me = SignedInFilter.sessionOf(request);
    try {
      requireIncidents(me);
      Responses found = inProgress();
      return pages.page(
          "incidents",
          new IncidentList(
              pages.layout(me, "Incidents", Area.INCIDENTS),
              listRevision(found),
              found.states().stream().map(IncidentList::row).toList(),
              found.listing().note(),
              found.unreadable()));
    } catch (RuntimeException failure) {
      return pages.failure(me, failure);
    }
  }

  /** What the incidents page polls: changes when a response starts or moves. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response listStatus(@Context ContainerRequestContext request) {
    requireIncidents(SignedInFilter.sessionOf(request));
    return Response.ok(Map.of("revision", listRevision(inProgress()))).build();
  }

  @GET
  @Path("/{incident}")
  @Produces(MediaType.TEXT_HTML)
  public Response incident(
      @Context ContainerRequestContext request, @PathParam("incident") String incident) {
    UiSession me = SignedInFilter.sessionOf(request);
    return requestPage.page(
        me,
        () -> new IncidentId(incident),
        "incident",
        (id, state) ->
            IncidentView.of(
                pages.layout(me, "Incident " + id, Area.INCIDENTS),
                state,
                me.actor(),
                clock.instant(),
                temporalWeb.workflow(CompromiseReport.workflowId(id)).orElse(null)));
  }

  @GET
  @Path("/{incident}/status")
  @Produces(MediaType.APPLICATION_JSON)
  public Response status(
      @Context ContainerRequestContext request, @PathParam("incident") String incident) {
    return requestPage.status(SignedInFilter.sessionOf(request), () -> new IncidentId(incident));
  }

  @POST
  @Path("/{incident}/acknowledgement")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response acknowledge(
      @Context ContainerRequestContext request,
      @PathParam("incident") String incident,
      @FormParam("note") String note) {
    UiSession me = SignedInFilter.sessionOf(request);
    return requestPage.step(
        me,
        () -> new IncidentId(incident),
        id -> {
          responses.acknowledge(id, new Acknowledgement(me.actor(), note));
          return "You took the incident; its escalation timer stopped.";
        });
  }

  @POST
  @Path("/{incident}/tasks/{task}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response completeTask(
      @Context ContainerRequestContext request,
      @PathParam("incident") String incident,
      @PathParam("task") String task,
      @FormParam("summary") String summary) {
    UiSession me = SignedInFilter.sessionOf(request);
    return requestPage.step(
        me,
        () -> new IncidentId(incident),
        id -> {
          responses.completeTask(
              id, new TaskCompletion(me.actor(), FollowUpKind.named(task), summary));
          return "The task is recorded as done.";
        });
  }

  private static void requireIncidents(UiSession me) {
    if (!Area.INCIDENTS.openTo(me.user().roles())) {
      throw new ForbiddenException(
          "the incidents page is for security, crypto officers, custodians, the executives"
              + " incidents escalate to, and auditors");
    }
  }

  private record Responses(List<CompromiseState> states, Listing listing, int unreadable) {}

  private Responses inProgress() {
    Listing listing = runs.running(CompromiseWaiting.WORKFLOW_TYPE);
    List<CompromiseState> states = new ArrayList<>();
    int unreadable = 0;
    for (RunRef run : listing.runs()) {
      Optional<IncidentId> incident = CompromiseWaiting.incidentOf(run.workflowId());
      if (incident.isEmpty()) {
        continue;
      }
      try {
        states.add(responses.state(incident.get()));
      } catch (RuntimeException failure) {
        unreadable++;
        LOG.warn("Could not read compromise response {}: {}", run.workflowId(), failure.toString());
      }
    }
    states.sort(Comparator.comparing((CompromiseState s) -> s.report().incident().value()));
    return new Responses(states, listing, unreadable);
  }

  private static String listRevision(Responses found) {
    return found.states().stream()
        .map(state -> state.report().incident() + ":" + IncidentView.revision(state))
        .collect(Collectors.joining(","));
  }
}
