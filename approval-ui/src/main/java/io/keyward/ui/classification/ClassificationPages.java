package io.keyward.ui.classification;

import io.keyward.api.keys.ClassificationChanges;
import io.keyward.api.keys.ClassificationDecisionBody;
import io.keyward.api.webauthn.AssertionRequest;
import io.keyward.api.webauthn.SecurityKeys;
import io.keyward.ui.pages.Area;
import io.keyward.ui.pages.AssertionFields;
import io.keyward.ui.pages.FormValues;
import io.keyward.ui.pages.Pages;
import io.keyward.ui.pages.RequestPage;
import io.keyward.ui.session.SignedIn;
import io.keyward.ui.session.SignedInFilter;
import io.keyward.ui.session.UiSession;
import io.keyward.workflows.classification.ClassificationChangeRequest;
import io.keyward.workflows.classification.ClassificationChangeState;
import io.keyward.workflows.classification.ClassificationDecisionType;
import io.keyward.workflows.common.KeyRef;
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
 * The page of one classification change (runbook 2.2): what is asked, the quorum that decides, and
 * Approve / Deny for an approver, signed by their security key when the ULTRA quorum decides.
 * Decisions go to {@link ClassificationChanges}, the service of the API, so the same refusals apply
 * in the same words.
 */
@Path("/ui/classifications/{vault}/{name}")
@SignedIn
public final class ClassificationPages {
  private final ClassificationChanges changes;
  private final SecurityKeys securityKeys;
  private final Pages pages;
  private final Clock clock;
  private final RequestPage<KeyRef, ClassificationChangeState> requestPage;

  public ClassificationPages(
      ClassificationChanges changes, SecurityKeys securityKeys, Pages pages, Clock clock) {
    this.changes = changes;
    this.securityKeys = securityKeys;
    this.pages = pages;
    this.clock = clock;
    this.requestPage =
        new RequestPage<>(
            pages,
            (me, key) -> changes.visibleState(me.actor(), key),
            ClassificationView::revision,
            state -> state.phase().name(),
            ClassificationPages::pathOf);
  }

  /** {@code /ui/classifications/<vault>/<name>}. */
  public static String pathOf(KeyRef key) {
    return "/ui/classifications/" + key.vault() + "/" + key.name();
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
        "classification",
        (key, state) ->
            ClassificationView.of(
                pages.layout(me, "Classification of " + key, Area.KEYS),
                state,
                me.actor(),
                clock.instant()));
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
    return requestPage.step(
        me,
        () -> new KeyRef(vault, name),
        key -> {
          ClassificationDecisionType type =
              FormValues.decision(
                  ClassificationDecisionType.class, decision, "choose APPROVE or DENY");
          changes.decide(
              me.actor(), key, new ClassificationDecisionBody(type, reason, signed.assertion()));
          return type == ClassificationDecisionType.APPROVE
              ? "You approved the classification change."
              : "You denied the classification change.";
        });
  }

  /**
   * The challenge the person's security key signs for {@code decision} with {@code reason}, for the
   * page's script; a 409 with the reason when they have no approved key.
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
    ClassificationDecisionType type =
        FormValues.decision(ClassificationDecisionType.class, decision, "choose APPROVE or DENY");
    ClassificationChangeState state = changes.visibleState(me.actor(), key);
    return securityKeys.assertionRequest(
        me.actor(),
        ClassificationChangeRequest.workflowId(key),
        DecisionChallenge.step(type.name(), state.phase().name()),
        reason);
  }
}
