package io.keyward.ui.session;

import io.keyward.api.auth.SignInGuard;
import io.keyward.api.auth.TooManySignInsException;
import io.keyward.ui.pages.Pages;
import io.keyward.workflows.directory.DirectoryUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
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
 * Sign-in with a password through the {@link SignInGuard} (the directory, with failed sign-ins
 * audited and throttled per name and per address, 429 with {@code Retry-After}), and the link to
 * sign in through the identity provider instead ({@link OidcSignInPages}) when it is configured.
 * The form carries a token that must equal the one in the sign-in cookie, so another site cannot
 * sign a browser in under its own account. A failed sign-in says only that the user or the password
 * is wrong, never which. A successful one always starts a new session (any older one of the browser
 * ends), and goes back to the page the person wanted, if that page is one of Keyward's. {@code
 * again=true} shows the page to a signed-in person too, to sign in afresh before a decision that
 * needs a recent sign-in.
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
  private final boolean passwords;
  private final boolean oidc;

  /**
   * @param passwords whether people may sign in with a password (a users file is configured)
   * @param oidc whether people may sign in through the identity provider
   */
  public SignInPages(
      SignInGuard signIns, SessionStore sessions, Pages pages, boolean passwords, boolean oidc) {
    this.signIns = signIns;
    this.sessions = sessions;
    this.pages = pages;
    this.passwords = passwords;
    this.oidc = oidc;
  }

  @GET
  public Response form(
      @Context ContainerRequestContext request,
      @QueryParam("next") String next,
      @QueryParam("again") boolean again) {
    if (!again
        && sessions.find(SessionCookies.valueOf(request, SessionCookies.SESSION)).isPresent()) {
      return Response.seeOther(URI.create(safeNext(next))).build();
    }
    return form(request, Response.Status.OK, next, null, null, null, again);
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signIn(
      @Context ContainerRequestContext request,
      @Context HttpServletRequest client,
      @FormParam("token") String token,
      @FormParam("username") String username,
      @FormParam("password") String password,
      @FormParam("next") String next) {
    if (!passwords) {
      return form(
          request,
          Response.Status.FORBIDDEN,
          next,
          null,
          "Keyward takes no passwords here: sign in through your organisation's account.",
          null);
    }
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
      user = authenticate(username, password, client.getRemoteAddr());
    } catch (TooManySignInsException throttled) {
      LOG.info("Sign-in to the web pages as '{}' refused: throttled", printable(username));
      Response refused =
          form(
              request,
              Response.Status.TOO_MANY_REQUESTS,
              next,
              username,
              throttled.getMessage(),
              null);
      refused
          .getHeaders()
          .putSingle(
              HttpHeaders.RETRY_AFTER,
              Long.toString(TooManySignInsException.seconds(throttled.retryAfter().orElseThrow())));
      return refused;
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
    return form(request, status, next, username, problem, info, false);
  }

  private Response form(
      ContainerRequestContext request,
      Response.Status status,
      String next,
      String username,
      String problem,
      String info,
      boolean again) {
    String token = SessionStore.randomToken();
    boolean tls = SessionCookies.overTls(request);
    SignInPage page =
        new SignInPage(
            pages.anonymous("Sign in"),
            token,
            safeNext(next),
            username == null ? null : username.strip(),
            problem,
            info,
            passwords,
            oidc ? OidcSignInPages.startLink(safeNext(next), again) : null);
    return Response.status(status)
        .type(Pages.HTML)
        .entity(pages.render("sign-in", page))
        .cookie(
            SessionCookies.signIn(token, tls), SessionCookies.expired(SessionCookies.SESSION, tls))
        .build();
  }

  private Optional<DirectoryUser> authenticate(String username, String password, String address) {
    if (username == null
        || password == null
        || username.isBlank()
        || username.length() > MAX_USERNAME
        || password.length() > MAX_PASSWORD) {
      return Optional.empty();
    }
    char[] secret = password.toCharArray();
    try {
      return signIns.authenticate(
          username.strip(), secret, "ui", address == null ? "unknown" : address);
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
