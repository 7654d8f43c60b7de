package io.keyward.api.webauthn;

import io.dropwizard.auth.Auth;
import io.keyward.api.auth.KeywardPrincipal;
import io.keyward.api.errors.RequestBodies;
import io.keyward.workflows.credential.EnrolmentState;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * People's security keys over HTTP: begin and finish a registration, list, the challenge of a
 * lead's decision and the decision on an enrolment, revoke. The person is always the authenticated
 * principal.
 */
@Path("/api/security-keys")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class SecurityKeysResource {
  private final SecurityKeys keys;

  public SecurityKeysResource(SecurityKeys keys) {
    this.keys = keys;
  }

  @POST
  @Path("/registration-options")
  public RegistrationOptions options(@Auth KeywardPrincipal who) {
    return keys.registrationOptions(who.actor());
  }

  @POST
  public SecurityKeyView register(@Auth KeywardPrincipal who, RegistrationBody body) {
    return keys.register(who.actor(), RequestBodies.required(body));
  }

  @GET
  public List<SecurityKeyView> list(@Auth KeywardPrincipal who) {
    return keys.visibleTo(who.actor());
  }

  @POST
  @Path("/{id}/decisions")
  public EnrolmentState decide(
      @Auth KeywardPrincipal who, @PathParam("id") String id, EnrolmentDecisionBody body) {
    return keys.decide(id, RequestBodies.required(body).toDecision(who.actor()));
  }

  /**
   * The challenge the lead's own key signs to decide on the key {@code id}, for a client with its
   * own authenticator (the page asks its own endpoint); the body names the decision and reason.
   */
  @POST
  @Path("/{id}/decision-challenge")
  public AssertionRequest challenge(
      @Auth KeywardPrincipal who, @PathParam("id") String id, EnrolmentDecisionBody body) {
    EnrolmentDecisionBody asked = RequestBodies.required(body);
    return keys.enrolmentAssertionRequest(
        who.actor(), id, asked.toDecision(who.actor()).type(), asked.reason());
  }

  @POST
  @Path("/{id}/revocation")
  public SecurityKeyView revoke(@Auth KeywardPrincipal who, @PathParam("id") String id) {
    return keys.revoke(who.actor(), id);
  }
}
