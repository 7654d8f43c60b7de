package io.keyward.ui.generation;

import io.keyward.api.generation.GenerationCeremonies;
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
import io.keyward.workflows.generation.Decision;
import io.keyward.workflows.generation.DecisionType;
import io.keyward.workflows.generation.GenerationRequest;
import io.keyward.workflows.generation.GenerationState;
import io.keyward.workflows.webauthn.DecisionAssertion;
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

/**
 * The page of one generation request: what was asked, the policy, the timeline and the buttons of
 * the open step. Decisions go to {@link GenerationCeremonies#decide}, the very service the API
 * uses, so a page is refused exactly as the API would be, in the ceremony's own words.
 */
@Path("/ui/generations/{vault}/{name}")
@SignedIn
public final class GenerationPages {
  private final GenerationCeremonies ceremonies;
  private final Pages pages;
  private final TemporalWebLinks temporalWeb;
  private final Clock clock;
  private final RequestPage<KeyRef, GenerationState> requestPage;
  private final SecurityKeys securityKeys;

  public GenerationPages(
      GenerationCeremonies ceremonies,
      SecurityKeys securityKeys,
      Pages pages,
      TemporalWebLinks temporalWeb,
      Clock clock) {
    this.ceremonies = ceremonies;
    this.securityKeys = securityKeys;
    this.pages = pages;
    this.temporalWeb = temporalWeb;
    this.clock = clock;
    this.requestPage =
        new RequestPage<>(
            pages,
            (me, id) -> ceremonies.visibleState(me.actor(), id),
            GenerationPage::revision,
            state -> state.phase().name(),
            GenerationPages::pathOf);
  }

  /** {@code /ui/generations/<vault>/<name>}. */
  public static String pathOf(KeyRef key) {
    return "/ui/generations/" + key.vault() + "/" + key.name();
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
        "generation",
        (key, state) ->
            GenerationPage.of(
                pages.layout(me, "Key generation " + key, Area.INBOX),
                state,
                me.actor(),
                clock.instant(),
                temporalWeb.workflow(GenerationRequest.workflowId(key)).orElse(null)));
  }

  /** A small answer the page polls to notice that someone else decided. */
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
    DecisionAssertion assertion = signed.assertion();
    return requestPage.step(
        me,
        () -> new KeyRef(vault, name),
        key -> {
          DecisionType type =
              FormValues.decision(DecisionType.class, decision, "choose a decision");
          ceremonies.decide(
              key, new Decision(me.actor(), type, reason, assertion), me.authenticatedAt());
          return GenerationSteps.done(type);
        });
  }

  /**
   * The challenge the person's security key signs for {@code decision} with {@code reason} at the
   * open step, for the page's script; a 401 when their sign-in is not recent enough (the page then
   * sends the decision as it is, and is answered to sign in again), a 409 with the reason when they
   * have no approved key.
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
    DecisionType type = FormValues.decision(DecisionType.class, decision, "choose a decision");
    GenerationState state = ceremonies.visibleState(me.actor(), key);
    ceremonies.requireRecentSignIn(me.authenticatedAt());
    return securityKeys.assertionRequest(
        me.actor(),
        GenerationRequest.workflowId(key),
        DecisionChallenge.step(type.name(), state.phase().name()),
        GenerationCeremonies.reasonOf(reason));
  }
}
