package io.keyward.ui.generation;

import io.keyward.api.generation.GenerationCeremonies;
import io.keyward.api.generation.GenerationRequestBody;
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
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * The form that requests a key (runbook 3.3 step 1). The request goes to {@link
 * GenerationCeremonies#request}, as {@code POST /api/generations} sends it, with the signed-in
 * person as the requester, so it is checked and refused exactly as over the API.
 */
@Path("/ui/generations/new")
@SignedIn
public final class GenerationRequestForm {
  private static final CeremonyStart FORM = CeremonyStart.REQUEST_KEY;

  private final GenerationCeremonies ceremonies;
  private final StartForms forms;

  public GenerationRequestForm(GenerationCeremonies ceremonies, StartForms forms) {
    this.ceremonies = ceremonies;
    this.forms = forms;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response form(@Context ContainerRequestContext request) {
    return forms.show(
        SignedInFilter.sessionOf(request),
        FORM,
        (layout, problem) -> GenerationFormView.of(layout, GenerationFields.EMPTY, problem));
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response request(
      @Context ContainerRequestContext request, MultivaluedMap<String, String> form) {
    UiSession me = SignedInFilter.sessionOf(request);
    GenerationFields typed = GenerationFields.from(new FormValues(form));
    return forms.submit(
        me,
        FORM,
        () -> {
          GenerationRequestBody body = typed.toBody();
          ceremonies.request(me.actor(), body);
          KeyRef key = new KeyRef(body.vault(), body.name());
          return new StartForms.Started(
              GenerationPages.pathOf(key), "Your request for " + key + " was sent.");
        },
        (layout, problem) -> GenerationFormView.of(layout, typed, problem));
  }
}
