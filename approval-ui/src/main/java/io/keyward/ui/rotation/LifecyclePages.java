package io.keyward.ui.rotation;

import io.keyward.api.keys.KeyLifecycles;
import io.keyward.ui.pages.Area;
import io.keyward.ui.pages.FormValues;
import io.keyward.ui.pages.Pages;
import io.keyward.ui.pages.RequestPage;
import io.keyward.ui.pages.TemporalWebLinks;
import io.keyward.ui.session.SignedIn;
import io.keyward.ui.session.SignedInFilter;
import io.keyward.ui.session.UiSession;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.lifecycle.GateDecision;
import io.keyward.workflows.lifecycle.GateDecisionType;
import io.keyward.workflows.lifecycle.LifecycleInput;
import io.keyward.workflows.lifecycle.LifecycleState;
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
 * The page of a key under policy (its lifecycle, runbook 6.1 and 6.2), with the approval gate of a
 * rotation waiting for it. Gate decisions go to {@link KeyLifecycles}, the service of the API.
 */
@Path("/ui/keys/{vault}/{name}")
@SignedIn
public final class LifecyclePages {
  private final KeyLifecycles lifecycles;
  private final Pages pages;
  private final TemporalWebLinks temporalWeb;
  private final Clock clock;
  private final RequestPage<KeyRef, LifecycleState> requestPage;

  public LifecyclePages(
      KeyLifecycles lifecycles, Pages pages, TemporalWebLinks temporalWeb, Clock clock) {
    this.lifecycles = lifecycles;
    this.pages = pages;
    this.temporalWeb = temporalWeb;
    this.clock = clock;
    this.requestPage =
        new RequestPage<>(
            pages,
            (me, key) -> lifecycles.visibleState(me.actor(), key),
            LifecycleView::revision,
            state -> state.phase().name(),
            LifecyclePages::pathOf);
  }

  /** {@code /ui/keys/<vault>/<name>}. */
  public static String pathOf(KeyRef key) {
    return "/ui/keys/" + key.vault() + "/" + key.name();
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
        "lifecycle",
        (key, state) ->
            LifecycleView.of(
                pages.layout(me, "Key " + key, Area.KEYS),
                state,
                me.actor(),
                clock.instant(),
                temporalWeb.workflow(LifecycleInput.workflowId(key)).orElse(null)));
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
  @Path("/gate")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response decide(
      @Context ContainerRequestContext request,
      @PathParam("vault") String vault,
      @PathParam("name") String name,
      @FormParam("decision") String decision,
      @FormParam("reason") String reason) {
    UiSession me = SignedInFilter.sessionOf(request);
    return requestPage.step(
        me,
        () -> new KeyRef(vault, name),
        key -> {
          GateDecisionType type =
              FormValues.decision(GateDecisionType.class, decision, "choose APPROVE or DENY");
          lifecycles.decide(key, new GateDecision(me.actor(), type, reason));
          return type == GateDecisionType.APPROVE
              ? "You approved the rotation; it goes ahead."
              : "You denied the automatic rotation; a manual rotation must replace the version.";
        });
  }
}
