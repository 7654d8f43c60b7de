package io.keyward.ui.securitykeys;

import io.keyward.api.webauthn.AssertionRequest;
import io.keyward.api.webauthn.RegistrationBody;
import io.keyward.api.webauthn.RegistrationOptions;
import io.keyward.api.webauthn.SecurityKeyView;
import io.keyward.api.webauthn.SecurityKeys;
import io.keyward.ui.pages.AfterPost;
import io.keyward.ui.pages.Area;
import io.keyward.ui.pages.AssertionFields;
import io.keyward.ui.pages.FormValues;
import io.keyward.ui.pages.Pages;
import io.keyward.ui.session.SignedIn;
import io.keyward.ui.session.SignedInFilter;
import io.keyward.ui.session.UiSession;
import io.keyward.workflows.credential.CredentialEnrolment;
import io.keyward.workflows.credential.EnrolmentDecision;
import io.keyward.workflows.credential.EnrolmentDecisionType;
import io.keyward.workflows.webauthn.HeldCredentials;
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
import java.util.List;

/**
 * {@code /ui/security-keys}: a person registers their security key ({@code
 * navigator.credentials.create} on the page, verified by {@link SecurityKeys}), sees where it
 * stands and revokes it; a security team lead approves or refuses the keys of others.
 */
@Path(SecurityKeys.PAGE)
@SignedIn
public final class SecurityKeyPages {
  private final SecurityKeys keys;
  private final Pages pages;

  public SecurityKeyPages(SecurityKeys keys, Pages pages) {
    this.keys = keys;
    this.pages = pages;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response page(@Context ContainerRequestContext request) {
    UiSession me = SignedInFilter.sessionOf(request);
    List<SecurityKeyView> visible;
    try {
      visible = keys.visibleTo(me.actor());
    } catch (RuntimeException failure) {
      return pages.failure(me, failure);
    }
    return pages.page(
        "security-keys",
        new SecurityKeyPage(
            pages.layout(me, "Security keys", Area.SECURITY_KEYS),
            visible.stream()
                .filter(k -> k.person().equals(me.actor().id()))
                .map(SecurityKeyPage::row)
                .toList(),
            visible.stream()
                .filter(k -> !k.person().equals(me.actor().id()))
                .map(SecurityKeyPage::row)
                .toList(),
            me.actor().holdsAny(CredentialEnrolment.APPROVERS)));
  }

  /** The options of {@code navigator.credentials.create}, for the page's script. */
  @POST
  @Path("/registration-options")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  public RegistrationOptions options(@Context ContainerRequestContext request) {
    return keys.registrationOptions(SignedInFilter.sessionOf(request).actor());
  }

  /** What the authenticator answered; back to the page with what happened. */
  @POST
  @Path("/registrations")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response register(
      @Context ContainerRequestContext request,
      @FormParam("clientDataJson") String clientDataJson,
      @FormParam("attestationObject") String attestationObject) {
    UiSession me = SignedInFilter.sessionOf(request);
    return AfterPost.run(
        me,
        SecurityKeys.PAGE,
        () -> {
          SecurityKeyView key =
              keys.register(me.actor(), new RegistrationBody(clientDataJson, attestationObject));
          return "Security key "
              + HeldCredentials.shortId(key.credentialId())
              + " registered: it waits for a security team lead's approval.";
        },
        refusal -> pages.failure(me, refusal));
  }

  @POST
  @Path("/{id}/decisions")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response decide(
      @Context ContainerRequestContext request,
      @PathParam("id") String id,
      @FormParam("decision") String decision,
      @FormParam("reason") String reason,
      @BeanParam AssertionFields signed) {
    UiSession me = SignedInFilter.sessionOf(request);
    return AfterPost.run(
        me,
        SecurityKeys.PAGE,
        () -> {
          EnrolmentDecisionType type =
              FormValues.decision(EnrolmentDecisionType.class, decision, "choose a decision");
          keys.decide(id, new EnrolmentDecision(me.actor(), type, reason, signed.assertion()));
          return type == EnrolmentDecisionType.APPROVE
              ? "You approved security key " + HeldCredentials.shortId(id) + "."
              : "You refused security key " + HeldCredentials.shortId(id) + ".";
        },
        refusal -> pages.failure(me, refusal));
  }

  /**
   * The challenge the lead's own security key signs to approve the key {@code id} with {@code
   * reason}, for the page's script; a 409 with the reason when the lead has no approved key.
   */
  @POST
  @Path("/{id}/decision-challenge")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  public AssertionRequest challenge(
      @Context ContainerRequestContext request,
      @PathParam("id") String id,
      @FormParam("decision") String decision,
      @FormParam("reason") String reason) {
    EnrolmentDecisionType type =
        FormValues.decision(EnrolmentDecisionType.class, decision, "choose a decision");
    return keys.enrolmentAssertionRequest(
        SignedInFilter.sessionOf(request).actor(), id, type, reason);
  }

  @POST
  @Path("/{id}/revocation")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response revoke(@Context ContainerRequestContext request, @PathParam("id") String id) {
    UiSession me = SignedInFilter.sessionOf(request);
    return AfterPost.run(
        me,
        SecurityKeys.PAGE,
        () -> {
          keys.revoke(me.actor(), id);
          return "Security key " + HeldCredentials.shortId(id) + " revoked.";
        },
        refusal -> pages.failure(me, refusal));
  }
}
