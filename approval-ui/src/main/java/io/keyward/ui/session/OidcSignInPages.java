package io.keyward.ui.session;

import io.keyward.api.auth.KeywardPrincipal;
import io.keyward.api.errors.ApiException;
import io.keyward.api.identity.OidcProvider;
import io.keyward.api.identity.PendingSignIn;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in through the company's identity provider (OpenID Connect authorization code flow with
 * PKCE): {@code GET /ui/sign-in/oidc} keeps a new {@link PendingSignIn} (random state, nonce and
 * code verifier) on the server, gives the browser an HttpOnly cookie naming it and sends it to the
 * provider; the provider sends it back to {@code /ui/sign-in/oidc/callback} with a code, which is
 * redeemed only when the cookie names a pending sign-in whose state matches, and whose ID token
 * verifies (signature, issuer, audience, expiry, nonce). The person's id and roles come from the
 * token's claims through the configured mapping; anything refused shows the sign-in page with the
 * reason and signs no one in. With {@code stepUp=true} the provider is asked to authenticate the
 * person again ({@code max_age} of the step-up window, {@code prompt=login}).
 */
@Path("/ui/sign-in/oidc")
@Produces(MediaType.TEXT_HTML)
public final class OidcSignInPages {
  static final String PENDING_COOKIE = "keyward_oidc";

  private static final Logger LOG = LoggerFactory.getLogger(OidcSignInPages.class);
  private static final String CALLBACK = "ui/sign-in/oidc/callback";

  private final OidcProvider provider;
  private final PendingSignIns pending;
  private final SessionStore sessions;
  private final SignInPages signIn;
  private final Duration stepUpWindow;
  private final Clock clock;

  public OidcSignInPages(
      OidcProvider provider,
      PendingSignIns pending,
      SessionStore sessions,
      SignInPages signIn,
      Duration stepUpWindow,
      Clock clock) {
    this.provider = provider;
    this.pending = pending;
    this.sessions = sessions;
    this.signIn = signIn;
    this.stepUpWindow = stepUpWindow;
    this.clock = clock;
  }

  /** The link that starts a sign-in going back to {@code next}; a step-up one when asked. */
  static String startLink(String next, boolean stepUp) {
    return "/ui/sign-in/oidc?next="
        + URLEncoder.encode(next, StandardCharsets.UTF_8)
        + (stepUp ? "&stepUp=true" : "");
  }

  @GET
  public Response start(
      @Context ContainerRequestContext request,
      @QueryParam("next") String next,
      @QueryParam("stepUp") boolean stepUp) {
    URI redirect = provider.redirectUri(request.getUriInfo().getBaseUri().resolve(CALLBACK));
    PendingSignIn signIn =
        PendingSignIn.start(
            redirect, SignInPages.safeNext(next), stepUp ? stepUpWindow : null, clock.instant());
    URI authorization;
    try {
      authorization = provider.authorizationRequest(signIn);
    } catch (ApiException unavailable) {
      return refused(request, unavailable);
    }
    String token = pending.keep(signIn);
    return Response.seeOther(authorization)
        .cookie(pendingCookie(token, SessionCookies.overTls(request), 600))
        .build();
  }

  @GET
  @Path("/callback")
  public Response callback(
      @Context ContainerRequestContext request,
      @QueryParam("state") String state,
      @QueryParam("code") String code,
      @QueryParam("error") String error) {
    boolean tls = SessionCookies.overTls(request);
    Optional<PendingSignIn> started = pending.take(SessionCookies.valueOf(request, PENDING_COOKIE));
    if (started.isEmpty()
        || state == null
        || !MessageDigest.isEqual(
            started.get().state().getValue().getBytes(StandardCharsets.UTF_8),
            state.getBytes(StandardCharsets.UTF_8))) {
      return problem(
          request,
          Response.Status.FORBIDDEN,
          null,
          "This sign-in was not started in this browser, or it expired. Please sign in again.");
    }
    if (error != null || code == null || code.isBlank()) {
      LOG.info("The identity provider answered a sign-in without a code");
      return problem(
          request,
          Response.Status.UNAUTHORIZED,
          started.get().next(),
          "The identity provider did not sign you in. Please try again.");
    }
    KeywardPrincipal who;
    try {
      who = provider.redeem(code, started.get(), clock.instant());
    } catch (ApiException refused) {
      return refused(request, refused);
    }
    sessions
        .find(SessionCookies.valueOf(request, SessionCookies.SESSION))
        .ifPresent(sessions::close);
    UiSession session = sessions.open(who.user(), who.authenticatedAt());
    LOG.info("{} signed in to the web pages through {}", who.getName(), provider.issuer());
    return Response.seeOther(URI.create(started.get().next()))
        .cookie(SessionCookies.session(session, tls), pendingCookie("", tls, 0))
        .build();
  }

  private Response refused(ContainerRequestContext request, ApiException refusal) {
    LOG.info("Sign-in through {} refused: {}", provider.issuer(), refusal.getMessage());
    return problem(
        request, Response.Status.fromStatusCode(refusal.status()), null, refusal.getMessage());
  }

  private Response problem(
      ContainerRequestContext request, Response.Status status, String next, String why) {
    return signIn.form(request, status, next, null, why, null);
  }

  private static NewCookie pendingCookie(String token, boolean secure, int maxAge) {
    return new NewCookie.Builder(PENDING_COOKIE)
        .value(token)
        .path(SessionCookies.PATH)
        .maxAge(maxAge)
        .httpOnly(true)
        .secure(secure)
        .sameSite(NewCookie.SameSite.LAX)
        .build();
  }
}
