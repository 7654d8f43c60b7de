package io.keyward.api.compromise;

import io.dropwizard.auth.Auth;
import io.keyward.api.auth.KeywardPrincipal;
import io.keyward.api.errors.RequestBodies;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.compromise.CompromiseState;
import io.keyward.workflows.incident.EvidenceVerification;
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
 * Compromise responses over HTTP (runbook 11, escalation per 17.2). Every method needs an
 * authenticated person; the reporter, responder or task owner is always that principal.
 */
@Path("/api/compromises")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class CompromiseResource {
  private final CompromiseResponses responses;

  public CompromiseResource(CompromiseResponses responses) {
    this.responses = responses;
  }

  /** Answers 202 at once; the key is being disabled while the client reads the answer. */
  @POST
  public Response report(@Auth KeywardPrincipal who, CompromiseReportBody body) {
    StartedResponse started = responses.report(who.actor(), body);
    return Response.accepted(started).location(URI.create(started.statusUrl())).build();
  }

  @GET
  @Path("/{incident}")
  public CompromiseState state(@Auth KeywardPrincipal who, @PathParam("incident") String incident) {
    return responses.visibleState(who.actor(), new IncidentId(incident));
  }

  @POST
  @Path("/{incident}/acknowledgements")
  public CompromiseState acknowledge(
      @Auth KeywardPrincipal who,
      @PathParam("incident") String incident,
      AcknowledgementBody body) {
    return responses.acknowledge(
        new IncidentId(incident), AcknowledgementBody.toAcknowledgement(body, who.actor()));
  }

  @POST
  @Path("/{incident}/tasks/{task}")
  public CompromiseState completeTask(
      @Auth KeywardPrincipal who,
      @PathParam("incident") String incident,
      @PathParam("task") String task,
      TaskCompletionBody body) {
    return responses.completeTask(
        new IncidentId(incident), RequestBodies.required(body).toCompletion(who.actor(), task));
  }

  @GET
  @Path("/{incident}/audit")
  public List<AuditRecord> audit(
      @Auth KeywardPrincipal who, @PathParam("incident") String incident) {
    return responses.auditTrail(who.actor(), new IncidentId(incident));
  }

  /** Recomputes the seal of every evidence bundle of the incident and matches its excerpt. */
  @GET
  @Path("/{incident}/evidence")
  public List<EvidenceVerification> evidence(
      @Auth KeywardPrincipal who, @PathParam("incident") String incident) {
    return responses.verifyEvidence(who.actor(), new IncidentId(incident));
  }

  static String statusPath(IncidentId incident) {
    return "/api/compromises/" + incident.value();
  }
}
