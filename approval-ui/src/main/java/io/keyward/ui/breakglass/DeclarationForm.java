package io.keyward.ui.breakglass;

import io.keyward.api.breakglass.BreakGlassRequestBody;
import io.keyward.api.breakglass.BreakGlassSessions;
import io.keyward.ui.pages.CeremonyStart;
import io.keyward.ui.pages.FormValues;
import io.keyward.ui.pages.StartForms;
import io.keyward.ui.session.SignedIn;
import io.keyward.ui.session.SignedInFilter;
import io.keyward.ui.session.UiSession;
import io.keyward.workflows.breakglass.BreakGlassRoles;
import io.keyward.workflows.directory.Directory;
import io.keyward.workflows.directory.DirectoryUser;
import io.keyward.workflows.incident.IncidentId;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The form that declares a break-glass emergency for an incident (runbook 8.3). The declaration
 * goes to {@link BreakGlassSessions#declare}, as {@code POST /api/break-glass} sends it, with the
 * signed-in person as the declarer, so it is checked and refused exactly as over the API. The admin
 * who gets the access is chosen from the directory's break-glass admins.
 *
 * <p>Its path lies beside the sessions' pages; {@code new} is never an incident id ({@link
 * IncidentId}).
 */
@Path("/ui/break-glass/new")
@SignedIn
public final class DeclarationForm {
  private static final CeremonyStart FORM = CeremonyStart.DECLARE_BREAK_GLASS;

  private final BreakGlassSessions sessions;
  private final Directory directory;
  private final StartForms forms;

  public DeclarationForm(BreakGlassSessions sessions, Directory directory, StartForms forms) {
    this.sessions = sessions;
    this.directory = directory;
    this.forms = forms;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response form(@Context ContainerRequestContext request) {
    return forms.show(
        SignedInFilter.sessionOf(request),
        FORM,
        (layout, problem) ->
            DeclarationFormView.of(layout, DeclarationFields.EMPTY, admins(), problem));
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response declare(
      @Context ContainerRequestContext request, MultivaluedMap<String, String> form) {
    UiSession me = SignedInFilter.sessionOf(request);
    DeclarationFields typed = DeclarationFields.from(new FormValues(form));
    return forms.submit(
        me,
        FORM,
        () -> {
          BreakGlassRequestBody body = typed.toBody();
          sessions.declare(me.actor(), body);
          IncidentId incident = new IncidentId(body.incident());
          return new StartForms.Started(
              BreakGlassPages.pathOf(incident),
              "Your break-glass declaration for " + incident + " was sent.");
        },
        (layout, problem) -> DeclarationFormView.of(layout, typed, admins(), problem));
  }

  /** Everyone who may receive break-glass access, by name. */
  private List<DirectoryUser> admins() {
    Map<String, DirectoryUser> byId = new TreeMap<>();
    BreakGlassRoles.ADMINS.forEach(
        role -> directory.holdersOf(role).forEach(user -> byId.putIfAbsent(user.id(), user)));
    return byId.values().stream().sorted(Comparator.comparing(DirectoryUser::displayName)).toList();
  }
}
