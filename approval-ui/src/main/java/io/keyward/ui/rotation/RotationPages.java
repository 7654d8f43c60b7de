package io.keyward.ui.rotation;

import io.keyward.api.rotation.ManualRotations;
import io.keyward.api.rotation.RotationDates;
import io.keyward.api.webauthn.AssertionRequest;
import io.keyward.api.webauthn.SecurityKeys;
import io.keyward.ui.pages.Area;
import io.keyward.ui.pages.AssertionFields;
import io.keyward.ui.pages.FormValues;
import io.keyward.ui.pages.Pages;
import io.keyward.ui.pages.RequestPage;
import io.keyward.ui.pages.TemporalWebLinks;
import io.keyward.ui.session.SignedIn;
import io.keyward.ui.session.SignedInFilter;
import io.keyward.ui.session.UiSession;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.rotation.Cancellation;
import io.keyward.workflows.rotation.Reschedule;
import io.keyward.workflows.rotation.RotationDecision;
import io.keyward.workflows.rotation.RotationDecisionType;
import io.keyward.workflows.rotation.RotationRequest;
import io.keyward.workflows.rotation.RotationState;
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

/**
 * The page of one manual rotation (runbook 6.3). Decisions, reschedules and cancellations go to
 * {@link ManualRotations}, the service of the API, so the same refusals apply in the same words.
 * Decisions on the rotation of an ULTRA key are signed by the person's own security key.
 */
@Path("/ui/rotations/{vault}/{name}")
@SignedIn
public final class RotationPages {
  private final ManualRotations rotations;
  private final SecurityKeys securityKeys;
  private final Pages pages;
  private final TemporalWebLinks temporalWeb;
  private final Clock clock;
  private final RequestPage<KeyRef, RotationState> requestPage;

  public RotationPages(
      ManualRotations rotations,
      SecurityKeys securityKeys,
      Pages pages,
      TemporalWebLinks temporalWeb,
      Clock clock) {
    this.rotations = rotations;
    this.securityKeys = securityKeys;
    this.pages = pages;
    this.temporalWeb = temporalWeb;
    this.clock = clock;
    this.requestPage =
        new RequestPage<>(
            pages,
            (me, id) -> rotations.visibleState(me.actor(), id),
            RotationView::revision,
            state -> state.phase().name(),
            RotationPages::pathOf);
  }

  /** {@code /ui/rotations/<vault>/<name>}. */
  public static String pathOf(KeyRef key) {
    return "/ui/rotations/" + key.vault() + "/" + key.name();
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response page(
      @Context ContainerRequestContext request,
      @PathParam("vault") String vault,
      @PathParam("name") String name) {
    UiSession me = SignedInFilter.sessionOf(request);
    return requestPage.page(
        me,
        () -> new KeyRef(vault, name),
        "rotation",
        (key, state) ->
            RotationView.of(
                pages.layout(me, "Rotation of " + key, Area.KEYS),
                state,
                me.actor(),
                clock.instant(),
                temporalWeb.workflow(RotationRequest.workflowId(key)).orElse(null)));
  }

  @GET
  @Path("/status")
  @Produces(MediaType.APPLICATION_JSON)
  public Response status(
      @Context ContainerRequestContext request,
      @PathParam("vault") String vault,
      @PathParam("name") String name) {
    return requestPage.status(SignedInFilter.sessionOf(request), () -> new KeyRef(vault, name));
  }

  @POST
  @Path("/decisions")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response decide(
      @Context ContainerRequestContext request,
      @PathParam("vault") String vault,
      @PathParam("name") String name,
      @FormParam("decision") String decision,
      @FormParam("reason") String reason,
      @BeanParam AssertionFields signed) {
    UiSession me = SignedInFilter.sessionOf(request);
    return requestPage.step(
        me,
        () -> new KeyRef(vault, name),
        key -> {
          RotationDecisionType type =
              FormValues.decision(RotationDecisionType.class, decision, "choose a decision");
          rotations.decide(key, new RotationDecision(me.actor(), type, reason, signed.assertion()));
          return RotationSteps.done(type);
        });
  }

  /**
   * The challenge the person's security key signs for {@code decision} with {@code reason} on the
   * rotation of an ULTRA key, for the page's script; a 409 with the reason when they have no
   * approved key.
   */
  @POST
  @Path("/decision-challenge")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  public AssertionRequest challenge(
      @Context ContainerRequestContext request,
      @PathParam("vault") String vault,
      @PathParam("name") String name,
      @FormParam("decision") String decision,
      @FormParam("reason") String reason) {
    UiSession me = SignedInFilter.sessionOf(request);
    KeyRef key = new KeyRef(vault, name);
    RotationDecisionType type =
        FormValues.decision(RotationDecisionType.class, decision, "choose a decision");
    return securityKeys.assertionRequest(
        me.actor(),
        RotationRequest.workflowId(key),
        rotations.stepFor(me.actor(), key, type),
        ManualRotations.reasonAsDecided(reason));
  }

  @POST
  @Path("/reschedule")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response reschedule(
      @Context ContainerRequestContext request,
      @PathParam("vault") String vault,
      @PathParam("name") String name,
      @FormParam("rotationDate") String rotationDate,
      @FormParam("reason") String reason) {
    UiSession me = SignedInFilter.sessionOf(request);
    return requestPage.step(
        me,
        () -> new KeyRef(vault, name),
        key -> {
          rotations.reschedule(
              key,
              new Reschedule(me.actor(), RotationDates.read("rotationDate", rotationDate), reason));
          return "You moved the rotation date.";
        });
  }

  @POST
  @Path("/cancel")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response cancel(
      @Context ContainerRequestContext request,
      @PathParam("vault") String vault,
      @PathParam("name") String name,
      @FormParam("reason") String reason) {
    UiSession me = SignedInFilter.sessionOf(request);
    return requestPage.step(
        me,
        () -> new KeyRef(vault, name),
        key -> {
          rotations.cancel(key, new Cancellation(me.actor(), reason));
          return "You cancelled the rotation; nothing was changed at the provider.";
        });
  }
}
