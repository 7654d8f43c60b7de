package io.keyward.ui.session;

import io.keyward.ui.pages.Pages;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.glassfish.jersey.server.ContainerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a request to a {@link SignedIn} resource through only with a live session, and a POST (or
 * any other state-changing method) only when it also carries that session's CSRF token, as the form
 * field {@value #CSRF_FIELD} or the header {@value #CSRF_HEADER}. A page request without a session
 * is sent to the sign-in form and comes back afterwards; a refused POST gets 403 and reaches no
 * resource, so nothing changes.
 */
@SignedIn
@Priority(Priorities.AUTHENTICATION)
public final class SignedInFilter implements ContainerRequestFilter {
  public static final String CSRF_FIELD = "csrf";
  public static final String CSRF_HEADER = "X-Keyward-Csrf";

  private static final String SESSION_PROPERTY = UiSession.class.getName();
  private static final Set<String> SAFE_METHODS =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private static final Logger LOG = LoggerFactory.getLogger(SignedInFilter.class);

  private final SessionStore sessions;
  private final Pages pages;

  public SignedInFilter(SessionStore sessions, Pages pages) {
    this.sessions = sessions;
    this.pages = pages;
  }

  /** The session {@link SignedInFilter} found for this request. */
  public static UiSession sessionOf(ContainerRequestContext request) {
    Object session = request.getProperty(SESSION_PROPERTY);
    if (!(session instanceof UiSession found)) {
      throw new IllegalStateException("the resource is not marked @SignedIn");
    }
    return found;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Optional<UiSession> session =
        sessions.find(SessionCookies.valueOf(request, SessionCookies.SESSION));
    if (session.isEmpty()) {
      request.abortWith(signInFirst(request));
      return;
    }
    if (!SAFE_METHODS.contains(request.getMethod())
        && !session.get().acceptsCsrfToken(csrfTokenOf(request))) {
      LOG.warn(
          "Refused {} /{} by {}: missing or wrong CSRF token",
          request.getMethod(),
          request.getUriInfo().getPath(),
          session.get().user().id());
      request.abortWith(
          pages.error(
              session.get(),
              Response.Status.FORBIDDEN,
              "Refused: this form did not come from your Keyward session",
              "The request carried no valid form token, so nothing was changed. Reload the page"
                  + " and try again."));
      return;
    }
    request.setProperty(SESSION_PROPERTY, session.get());
  }

  private static String csrfTokenOf(ContainerRequestContext request) {
    String header = request.getHeaderString(CSRF_HEADER);
    if (header != null) {
      return header;
    }
    if (request instanceof ContainerRequest jersey
        && MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(request.getMediaType())) {
      jersey.bufferEntity();
      Form form = jersey.readEntity(Form.class);
      return form == null ? null : form.asMap().getFirst(CSRF_FIELD);
    }
    return null;
  }

  private static Response signInFirst(ContainerRequestContext request) {
    boolean pageRequest =
        HttpMethod.GET.equals(request.getMethod())
            && request.getAcceptableMediaTypes().stream()
                .anyMatch(
                    type -> type.isCompatible(MediaType.TEXT_HTML_TYPE) && !type.isWildcardType());
    if (!pageRequest) {
      return Response.status(Response.Status.UNAUTHORIZED)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity("{\"code\":401,\"message\":\"sign in at /ui/sign-in first\"}")
          .build();
    }
    String back = "/" + request.getUriInfo().getPath();
    String query = request.getUriInfo().getRequestUri().getRawQuery();
    if (query != null) {
      back += "?" + query;
    }
    return Response.seeOther(
            URI.create("/ui/sign-in?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8)))
        .type(MediaType.TEXT_PLAIN_TYPE)
        .entity("Sign in first: /ui/sign-in")
        .build();
  }
}
