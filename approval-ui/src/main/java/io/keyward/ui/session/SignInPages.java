package io.keyward.ui.session;

import io.keyward.api.auth.SignInGuard;
import io.keyward.api.auth.TooManySignInsException;
import io.keyward.ui.pages.Pages;
import io.keyward.workflows.directory.DirectoryUser;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in through the {@link SignInGuard} (the directory, with failed sign-ins audited and locked).
 * The form carries a token that must equal the one in the sign-in cookie, so another site cannot
 * sign a browser in under its own account. A failed sign-in says only that the user or the password
 * is wrong, never which. A successful one always starts a new session (any older one of the browser
 * ends), and goes back to the page the person wanted, if that page is one of Keyward's.
 */
@Path("/ui/sign-in")
@Produces(MediaType.TEXT_HTML)
public final class SignInPages {
  private static final Logger LOG = LoggerFactory.getLogger(SignInPages.class);

  /** A page of Keyward's UI to go back to: a path under /ui/, nothing that leaves the site. */
  private static final Pattern LOCAL_PAGE = Pattern.compile("/ui/[A-Za-z0-9/_.\\-?=&%]*");

  private static final int MAX_USERNAME = 128;
  private static final int MAX_PASSWORD = 256;

  private final SignInGuard signIns;
  private final SessionStore sessions;
  private final Pages pages;

  public SignInPages(SignInGuard signIns, SessionStore sessions, Pages pages) {
    this.signIns = signIns;
    this.sessions = sessions;
    this.pages = pages;
  }

  @GET
  public Response form(@Context ContainerRequestContext request, @QueryParam("next") String next) {
    if (sessions.find(SessionCookies.valueOf(request, SessionCookies.SESSION)).isPresent()) {
      return Response.seeOther(URI.create(safeNext(next))).build();
    }
    return form(request, Response.Status.OK, next, null, null, null);
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signIn(
      @Context ContainerRequestContext request,
      @FormParam("token") String token,
      @FormParam("username") String username,
      @FormParam("password") String password,
      @FormParam("next") String next) {
    String expected = SessionCookies.valueOf(request, SessionCookies.SIGN_IN);
    if (expected == null || token == null || !sameToken(expected, token)) {
      return form(
          request,
          Response.Status.FORBIDDEN,
          next,
          username,
          "The sign-in form expired or did not come from Keyward. Please sign in again.",
          null);
    }
    Optional<DirectoryUser> user;
    try {
      user = authenticate(username, password);
    } catch (TooManySignInsException locked) {
      LOG.info("Sign-in to the web pages as '{}' refused: locked", printable(username));
      return form(
          request, Response.Status.TOO_MANY_REQUESTS, next, username, locked.getMessage(), null);
    }
    if (user.isEmpty()) {
      LOG.info("Failed sign-in to the web pages as '{}'", printable(username));
      return form(
          request,
          Response.Status.UNAUTHORIZED,
          next,
          username,
          "Unknown user or wrong password.",
          null);
    }
    sessions
        .find(SessionCookies.valueOf(request, SessionCookies.SESSION))
        .ifPresent(sessions::close);
    UiSession session = sessions.open(user.get());
    LOG.info("{} signed in to the web pages", user.get().id());
    boolean tls = SessionCookies.overTls(request);
    return Response.seeOther(URI.create(safeNext(next)))
        .cookie(
            SessionCookies.session(session, tls),
            SessionCookies.expired(SessionCookies.SIGN_IN, tls))
        .build();
  }

  Response form(
      ContainerRequestContext request,
      Response.Status status,
      String next,
      String username,
      String problem,
      String info) {
    String token = SessionStore.randomToken();
    boolean tls = SessionCookies.overTls(request);
    SignInPage page =
        new SignInPage(
            pages.anonymous("Sign in"),
            token,
            safeNext(next),
            username == null ? null : username.strip(),
            problem,
            info);
    return Response.status(status)
        .type(Pages.HTML)
        .entity(pages.render("sign-in", page))
        .cookie(
            SessionCookies.signIn(token, tls), SessionCookies.expired(SessionCookies.SESSION, tls))
        .build();
  }

  private Optional<DirectoryUser> authenticate(String username, String password) {
    if (username == null
        || password == null
        || username.isBlank()
        || username.length() > MAX_USERNAME
        || password.length() > MAX_PASSWORD) {
      return Optional.empty();
    }
    char[] secret = password.toCharArray();
    try {
      return signIns.authenticate(username.strip(), secret, "ui");
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  static String safeNext(String next) {
    if (next == null
        || !LOCAL_PAGE.matcher(next).matches()
        || next.contains("//")
        || next.contains("..")) {
      return "/ui/inbox";
    }
    return next;
  }

  private static boolean sameToken(String expected, String presented) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  private static String printable(String username) {
    if (username == null) {
      return "";
    }
    String cut = username.length() > 64 ? username.substring(0, 64) + "..." : username;
    return cut.replaceAll("[^A-Za-z0-9@._\\-]", "?");
  }
}
