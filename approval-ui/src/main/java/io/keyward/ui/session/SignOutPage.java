package io.keyward.ui.session;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sign-out: a POST with the session's CSRF token ends the session and shows the sign-in form. */
@Path("/ui/sign-out")
@SignedIn
public final class SignOutPage {
  private static final Logger LOG = LoggerFactory.getLogger(SignOutPage.class);

  private final SessionStore sessions;
  private final SignInPages signIn;

  public SignOutPage(SessionStore sessions, SignInPages signIn) {
    this.sessions = sessions;
    this.signIn = signIn;
  }

  @POST
  @Produces(MediaType.TEXT_HTML)
  public Response signOut(@Context ContainerRequestContext request) {
    UiSession session = SignedInFilter.sessionOf(request);
    sessions.close(session);
    LOG.info("{} signed out of the web pages", session.user().id());
    return signIn.form(
        request, Response.Status.OK, null, session.user().id(), null, "You are signed out.");
  }
}
