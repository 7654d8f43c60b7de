package io.keyward.ui.codec;

import io.keyward.api.codec.RemoteCodec;
import io.keyward.api.errors.ApiException;
import io.keyward.ui.session.SessionCookies;
import io.keyward.ui.session.SessionStore;
import io.keyward.ui.session.UiSession;
import io.keyward.workflows.directory.DirectoryUser;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Temporal's remote codec protocol for Temporal Web in the browser a person signed in to the
 * approval UI with: {@code POST /ui/codec/decode} and {@code /ui/codec/encode}, authenticated by
 * the session cookie, which Temporal Web sends when its codec setting "include cross-origin
 * credentials" is on (the cookie is {@code SameSite=Lax}, so only from a page of the same site,
 * e.g. {@code localhost} on another port). Only people who may read payloads are answered, as at
 * {@code /codec}.
 *
 * <p>No CSRF token is asked for, unlike the UI's forms: decoding changes nothing, only a JSON body
 * is accepted (so a page of another origin must pass a CORS preflight, which only Temporal Web's
 * origin does), and an answer is readable only by that origin.
 */
@Path("/ui/codec")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class SessionCodecResource {
  private final RemoteCodec codec;
  private final SessionStore sessions;

  public SessionCodecResource(RemoteCodec codec, SessionStore sessions) {
    this.codec = codec;
    this.sessions = sessions;
  }

  @POST
  @Path("/decode")
  public String decode(@CookieParam(SessionCookies.SESSION) String session, String body) {
    return codec.decode(signedIn(session), body);
  }

  @POST
  @Path("/encode")
  public String encode(@CookieParam(SessionCookies.SESSION) String session, String body) {
    return codec.encode(signedIn(session), body);
  }

  private DirectoryUser signedIn(String session) {
    return sessions.find(session).map(UiSession::user).orElseThrow(NotSignedIn::new);
  }

  /** 401: the request carries no live session of the approval UI. */
  private static final class NotSignedIn extends ApiException {
    NotSignedIn() {
      super(
          401,
          "sign in to the approval UI (/ui/sign-in) in this browser first, and let Temporal Web"
              + " include cross-origin credentials in its codec server setting");
    }
  }
}
