package io.keyward.ui.incidents;

import io.keyward.api.compromise.CompromiseReportBody;
import io.keyward.api.compromise.CompromiseResponses;
import io.keyward.ui.pages.CeremonyStart;
import io.keyward.ui.pages.FormValues;
import io.keyward.ui.pages.StartForms;
import io.keyward.ui.session.SignedIn;
import io.keyward.ui.session.SignedInFilter;
import io.keyward.ui.session.UiSession;
import io.keyward.workflows.incident.IncidentId;
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
 * The form that reports a key compromise (runbook 11): the response disables the key at once. The
 * report goes to {@link CompromiseResponses#report}, as {@code POST /api/compromises} sends it,
 * with the signed-in person as the reporter, so it is checked and refused exactly as over the API.
 *
 * <p>Its path lies beside the incidents' pages; {@code new} is never an incident id ({@link
 * IncidentId}).
 */
@Path("/ui/incidents/new")
@SignedIn
public final class CompromiseReportForm {
  private static final CeremonyStart FORM = CeremonyStart.REPORT_COMPROMISE;

  private final CompromiseResponses responses;
  private final StartForms forms;

  public CompromiseReportForm(CompromiseResponses responses, StartForms forms) {
    this.responses = responses;
    this.forms = forms;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response form(
      @Context ContainerRequestContext request,
      @QueryParam("vault") String vault,
      @QueryParam("name") String name) {
    CompromiseReportFields empty = CompromiseReportFields.forKey(vault, name);
    return forms.show(
        SignedInFilter.sessionOf(request),
        FORM,
        (layout, problem) -> CompromiseReportFormView.of(layout, empty, problem));
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response report(
      @Context ContainerRequestContext request, MultivaluedMap<String, String> form) {
    UiSession me = SignedInFilter.sessionOf(request);
    CompromiseReportFields typed = CompromiseReportFields.from(new FormValues(form));
    return forms.submit(
        me,
        FORM,
        () -> {
          CompromiseReportBody body = typed.toBody();
          responses.report(me.actor(), body);
          IncidentId incident = new IncidentId(body.incident());
          return new StartForms.Started(
              IncidentPages.pathOf(incident),
              "Your compromise report for " + incident + " was sent.");
        },
        (layout, problem) -> CompromiseReportFormView.of(layout, typed, problem));
  }
}
