package io.keyward.api.rotation;

import io.dropwizard.auth.Auth;
import io.keyward.api.auth.KeywardPrincipal;
import io.keyward.api.errors.RequestBodies;
import io.keyward.api.webauthn.AssertionRequest;
import io.keyward.api.webauthn.SecurityKeys;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.rotation.RotationRequest;
import io.keyward.workflows.rotation.RotationState;
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
 * Manual key rotation over HTTP (runbook 6.3). Every method needs an authenticated person; the
 * person requesting, deciding, rescheduling or cancelling is always that principal.
 */
@Path("/api/rotations")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class RotationResource {
  private final ManualRotations rotations;
  private final SecurityKeys securityKeys;

  public RotationResource(ManualRotations rotations, SecurityKeys securityKeys) {
    this.rotations = rotations;
    this.securityKeys = securityKeys;
  }

  /** Answers 202 at once; the rotation waits in Temporal until T and beyond. */
  @POST
  public Response plan(@Auth KeywardPrincipal who, RotationRequestBody body) {
    StartedRotation started = rotations.plan(who.actor(), body);
    return Response.accepted(started).location(URI.create(started.statusUrl())).build();
  }

  @GET
  @Path("/{vault}/{name}")
  public RotationState state(
      @Auth KeywardPrincipal who,
      @PathParam("vault") String vault,
      @PathParam("name") String name) {
    return rotations.visibleState(who.actor(), new KeyRef(vault, name));
  }

  @POST
  @Path("/{vault}/{name}/decisions")
  public RotationState decide(
      @Auth KeywardPrincipal who,
      @PathParam("vault") String vault,
      @PathParam("name") String name,
      RotationDecisionBody body) {
    return rotations.decide(
        new KeyRef(vault, name), RequestBodies.required(body).toDecision(who.actor()));
  }

  /**
   * The challenge the person's own security key signs to take a decision on the rotation of an
   * ULTRA key, for a client with its own authenticator (the page asks its own endpoint); the body
   * names the decision and the reason. A 409 when the person has no approved key.
   */
  @POST
  @Path("/{vault}/{name}/decision-challenge")
  public AssertionRequest challenge(
      @Auth KeywardPrincipal who,
      @PathParam("vault") String vault,
      @PathParam("name") String name,
      RotationDecisionBody body) {
    RotationDecisionBody asked = RequestBodies.required(body);
    KeyRef key = new KeyRef(vault, name);
    return securityKeys.assertionRequest(
        who.actor(),
        RotationRequest.workflowId(key),
        rotations.stepFor(who.actor(), key, asked.decision()),
        ManualRotations.reasonAsDecided(asked.reason()));
  }

  @POST
  @Path("/{vault}/{name}/reschedule")
  public RotationState reschedule(
      @Auth KeywardPrincipal who,
      @PathParam("vault") String vault,
      @PathParam("name") String name,
      RescheduleBody body) {
    return rotations.reschedule(
        new KeyRef(vault, name), RequestBodies.required(body).toReschedule(who.actor()));
  }

  @POST
  @Path("/{vault}/{name}/cancel")
  public RotationState cancel(
      @Auth KeywardPrincipal who,
      @PathParam("vault") String vault,
      @PathParam("name") String name,
      CancelBody body) {
    return rotations.cancel(
        new KeyRef(vault, name), RequestBodies.required(body).toCancellation(who.actor()));
  }

  @GET
  @Path("/{vault}/{name}/audit")
  public List<AuditRecord> audit(
      @Auth KeywardPrincipal who,
      @PathParam("vault") String vault,
      @PathParam("name") String name) {
    return rotations.auditTrail(who.actor(), new KeyRef(vault, name));
  }

  static String statusPath(KeyRef key) {
    return "/api/rotations/" + key.vault() + "/" + key.name();
  }
}
