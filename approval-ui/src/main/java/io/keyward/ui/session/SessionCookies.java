package io.keyward.ui.session;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;

/**
 * The cookies of the web pages. Both are HttpOnly (no script reads them), SameSite=Lax (a page of
 * another site cannot send them with a POST; a link from Slack or an e-mail still opens the page
 * signed in) and Secure whenever the request came over TLS. The session cookie carries only the
 * session id and is limited to {@code /ui}; the sign-in cookie carries the token that the sign-in
 * form must repeat, so a sign-in cannot be forged from another site either.
 */
public final class SessionCookies {
  public static final String SESSION = "keyward_session";
  public static final String SIGN_IN = "keyward_sign_in";

  static final String PATH = "/ui";

  private SessionCookies() {}

  public static NewCookie session(String sessionId, boolean secure) {
    return cookie(SESSION, sessionId, PATH, NewCookie.DEFAULT_MAX_AGE, secure);
  }

  public static NewCookie session(UiSession session, boolean secure) {
    return session(session.id(), secure);
  }

  public static NewCookie signIn(String token, boolean secure) {
    return cookie(SIGN_IN, token, PATH, 3600, secure);
  }

  /** Tells the browser to forget the cookie. */
  public static NewCookie expired(String name, boolean secure) {
    return cookie(name, "", PATH, 0, secure);
  }

  /** The value of the named cookie of the request; null when absent. */
  public static String valueOf(ContainerRequestContext request, String name) {
    Cookie cookie = request.getCookies().get(name);
    return cookie == null ? null : cookie.getValue();
  }

  /** Whether the request reached Keyward over TLS (directly or as the proxy headers say). */
  public static boolean overTls(ContainerRequestContext request) {
    return request.getSecurityContext().isSecure()
        || "https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme());
  }

  private static NewCookie cookie(
      String name, String value, String path, int maxAge, boolean secure) {
    return new NewCookie.Builder(name)
        .value(value)
        .path(path)
        .maxAge(maxAge)
        .httpOnly(true)
        .secure(secure)
        .sameSite(NewCookie.SameSite.LAX)
        .build();
  }
}
