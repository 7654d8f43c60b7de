package io.keyward.api.breakglass;

import io.dropwizard.auth.Auth;
import io.keyward.api.auth.KeywardPrincipal;
import io.keyward.api.errors.RequestBodies;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.breakglass.BreakGlassState;
import io.keyward.workflows.incident.IncidentId;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * Break-glass sessions over HTTP (runbook 8.3). Every method needs an authenticated person; who
 * declares, authorises, acts, ends or reviews is always that principal.
 */
@Path("/api/break-glass")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class BreakGlassResource {
  private final BreakGlassSessions sessions;

  public BreakGlassResource(BreakGlassSessions sessions) {
    this.sessions = sessions;
  }

  /** Answers 202 at once; the session's scope is assessed and it waits for authorisation. */
  @POST
  public Response declare(@Auth KeywardPrincipal who, BreakGlassRequestBody body) {
    StartedSession started = sessions.declare(who.actor(), body);
    return Response.accepted(started).location(URI.create(started.statusUrl())).build();
  }

  @GET
  @Path("/{incident}")
  public BreakGlassState state(@Auth KeywardPrincipal who, @PathParam("incident") String incident) {
    return sessions.visibleState(who.actor(), new IncidentId(incident));
  }

  @POST
  @Path("/{incident}/authorisations")
  public BreakGlassState authorise(
      @Auth KeywardPrincipal who, @PathParam("incident") String incident, AuthorisationBody body) {
    return sessions.authorise(
        new IncidentId(incident), RequestBodies.required(body).toAuthorisation(who.actor()));
  }

  @POST
  @Path("/{incident}/actions")
  public BreakGlassState recordAction(
      @Auth KeywardPrincipal who, @PathParam("incident") String incident, ActionBody body) {
    return sessions.recordAction(
        new IncidentId(incident), RequestBodies.required(body).toAction(who.actor()));
  }

  @POST
  @Path("/{incident}/end")
  public BreakGlassState end(
      @Auth KeywardPrincipal who, @PathParam("incident") String incident, EndBody body) {
    return sessions.end(new IncidentId(incident), EndBody.toRequest(body, who.actor()));
  }

  @POST
  @Path("/{incident}/review")
  public BreakGlassState review(
      @Auth KeywardPrincipal who, @PathParam("incident") String incident, ReviewBody body) {
    return sessions.review(
        new IncidentId(incident), RequestBodies.required(body).toReview(who.actor()));
  }

  @GET
  @Path("/{incident}/audit")
  public List<AuditRecord> audit(
      @Auth KeywardPrincipal who, @PathParam("incident") String incident) {
    return sessions.auditTrail(who.actor(), new IncidentId(incident));
  }

  static String statusPath(IncidentId incident) {
    return "/api/break-glass/" + incident.value();
  }
}
