package io.keyward.api.auth;

import io.dropwizard.auth.AuthenticationException;
import io.dropwizard.auth.Authenticator;
import io.keyward.api.errors.ApiError;
import io.keyward.api.identity.OidcProvider;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates every API request: a bearer token of the company's identity provider ({@code
 * Authorization: Bearer}, when {@code identity.oidc} is configured) or HTTP Basic credentials of
 * the users file (when there is one). A refused token answers 401 with the reason; missing or wrong
 * credentials answer 401 with a challenge naming what is accepted; a name or address throttled
 * after failed sign-ins answers 429. Nothing of the credentials appears in an answer or the log.
 */
@Priority(Priorities.AUTHENTICATION)
public final class CredentialsFilter implements ContainerRequestFilter {
  private static final String BEARER = "Bearer";
  private static final String BASIC = "Basic";

  private final Optional<OidcProvider> tokens;
  private final Optional<Authenticator<PasswordAttempt, KeywardPrincipal>> passwords;
  private final String realm;
  private final Clock clock;

  @Context private HttpServletRequest servletRequest;

  public CredentialsFilter(
      Optional<OidcProvider> tokens,
      Optional<Authenticator<PasswordAttempt, KeywardPrincipal>> passwords,
      String realm,
      Clock clock) {
    if (tokens.isEmpty() && passwords.isEmpty()) {
      throw new IllegalArgumentException("the API needs bearer tokens or passwords, or both");
    }
    this.tokens = tokens;
    this.passwords = passwords;
    this.realm = realm;
    this.clock = clock;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    KeywardPrincipal who = null;
    String scheme = null;
    if (tokens.isPresent() && hasScheme(header, BEARER)) {
      who = tokens.get().verifyAccessToken(header.substring(BEARER.length()).strip());
      scheme = BEARER;
    } else if (passwords.isPresent() && hasScheme(header, BASIC)) {
      who = password(header.substring(BASIC.length()).strip()).orElse(null);
      scheme = SecurityContext.BASIC_AUTH;
    }
    if (who == null) {
      request.abortWith(challenge());
      return;
    }
    request.setSecurityContext(new Authenticated(who, scheme, request.getSecurityContext()));
  }

  private Optional<KeywardPrincipal> password(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    PasswordAttempt attempt =
        new PasswordAttempt(
            decoded.substring(0, colon), decoded.substring(colon + 1), clientAddress());
    try {
      // The password came with this request: the person authenticated now, even on a cache hit.
      return passwords
          .get()
          .authenticate(attempt)
          .map(found -> new KeywardPrincipal(found.user(), clock.instant()));
    } catch (AuthenticationException failed) {
      throw new IllegalStateException("the directory could not check a password", failed);
    }
  }

  /** The client's address as the connector sees it (behind a proxy: its forwarded-for header). */
  private String clientAddress() {
    String address = servletRequest == null ? null : servletRequest.getRemoteAddr();
    return address == null ? "unknown" : address;
  }

  private Response challenge() {
    List<String> accepted = new ArrayList<>();
    Response.ResponseBuilder response = Response.status(Response.Status.UNAUTHORIZED);
    if (tokens.isPresent()) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, BEARER + " realm=\"" + realm + "\"");
      accepted.add("a bearer token of " + tokens.get().issuer());
    }
    if (passwords.isPresent()) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, BASIC + " realm=\"" + realm + "\"");
      accepted.add("HTTP Basic credentials of a Keyward directory user");
    }
    return response
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ApiError(401, "authentication required: send " + String.join(" or ", accepted)))
        .build();
  }

  private static boolean hasScheme(String header, String scheme) {
    return header != null
        && header.length() > scheme.length()
        && header.regionMatches(true, 0, scheme, 0, scheme.length())
        && header.charAt(scheme.length()) == ' ';
  }

  /** The request's security context once its person is known. */
  private record Authenticated(KeywardPrincipal who, String scheme, SecurityContext original)
      implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      return who;
    }

    @Override
    public boolean isUserInRole(String role) {
      return who.user().roles().stream().anyMatch(held -> held.name().equals(role));
    }

    @Override
    public boolean isSecure() {
      return original != null && original.isSecure();
    }

    @Override
    public String getAuthenticationScheme() {
      return scheme;
    }
  }
}
