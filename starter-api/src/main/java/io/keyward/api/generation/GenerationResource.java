package io.keyward.api.generation;

import io.dropwizard.auth.Auth;
import io.keyward.api.auth.KeywardPrincipal;
import io.keyward.api.errors.RequestBodies;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.generation.GenerationState;
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
 * Dual-control key generation over HTTP (runbook 3.3). Every method needs an authenticated person;
 * the person deciding or requesting is always that principal.
 */
@Path("/api/generations")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class GenerationResource {
  private final GenerationCeremonies ceremonies;

  public GenerationResource(GenerationCeremonies ceremonies) {
    this.ceremonies = ceremonies;
  }

  /** Answers 202 at once; the ceremony goes on in Temporal for days. */
  @POST
  public Response request(@Auth KeywardPrincipal who, GenerationRequestBody body) {
    StartedGeneration started = ceremonies.request(who.actor(), body);
    return Response.accepted(started).location(URI.create(started.statusUrl())).build();
  }

  @GET
  @Path("/{vault}/{name}")
  public GenerationState state(
      @Auth KeywardPrincipal who,
      @PathParam("vault") String vault,
      @PathParam("name") String name) {
    return ceremonies.visibleState(who.actor(), new KeyRef(vault, name));
  }

  @POST
  @Path("/{vault}/{name}/decisions")
  public GenerationState decide(
      @Auth KeywardPrincipal who,
      @PathParam("vault") String vault,
      @PathParam("name") String name,
      DecisionBody body) {
    return ceremonies.decide(
        new KeyRef(vault, name), RequestBodies.required(body).toDecision(who.actor()));
  }

  @GET
  @Path("/{vault}/{name}/audit")
  public List<AuditRecord> audit(
      @Auth KeywardPrincipal who,
      @PathParam("vault") String vault,
      @PathParam("name") String name) {
    return ceremonies.auditTrail(who.actor(), new KeyRef(vault, name));
  }

  static String statusPath(KeyRef key) {
    return "/api/generations/" + key.vault() + "/" + key.name();
  }
}
