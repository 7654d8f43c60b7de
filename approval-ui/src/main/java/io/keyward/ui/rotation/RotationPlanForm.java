package io.keyward.ui.rotation;

import io.keyward.api.rotation.ManualRotations;
import io.keyward.api.rotation.RotationRequestBody;
import io.keyward.ui.pages.CeremonyStart;
import io.keyward.ui.pages.FormValues;
import io.keyward.ui.pages.StartForms;
import io.keyward.ui.session.SignedIn;
import io.keyward.ui.session.SignedInFilter;
import io.keyward.ui.session.UiSession;
import io.keyward.workflows.common.KeyRef;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * The form that plans a manual rotation (runbook 6.3: T-30, the rotation at T, T+7). The plan goes
 * to {@link ManualRotations#plan}, as {@code POST /api/rotations} sends it, with the signed-in
 * person as the requester, so it is checked and refused exactly as over the API.
 */
@Path("/ui/rotations/new")
@SignedIn
public final class RotationPlanForm {
  private static final CeremonyStart FORM = CeremonyStart.PLAN_ROTATION;

  private final ManualRotations rotations;
  private final StartForms forms;

  public RotationPlanForm(ManualRotations rotations, StartForms forms) {
    this.rotations = rotations;
    this.forms = forms;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response form(
      @Context ContainerRequestContext request,
      @QueryParam("vault") String vault,
      @QueryParam("name") String name) {
    RotationFields empty = RotationFields.forKey(vault, name);
    return forms.show(
        SignedInFilter.sessionOf(request),
        FORM,
        (layout, problem) -> RotationFormView.of(layout, empty, problem));
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response plan(
      @Context ContainerRequestContext request, MultivaluedMap<String, String> form) {
    UiSession me = SignedInFilter.sessionOf(request);
    RotationFields typed = RotationFields.from(new FormValues(form));
    return forms.submit(
        me,
        FORM,
        () -> {
          RotationRequestBody body = typed.toBody();
          rotations.plan(me.actor(), body);
          KeyRef key = new KeyRef(body.vault(), body.name());
          return new StartForms.Started(
              RotationPages.pathOf(key), "Your rotation plan for " + key + " was sent.");
        },
        (layout, problem) -> RotationFormView.of(layout, typed, problem));
  }
}
