package io.keyward.api.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.keyward.api.auth.KeywardPrincipal;
import io.keyward.workflows.integration.Secret;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyward's view of the company's OpenID Connect provider, through Nimbus: the provider's
 * configuration (discovered from the issuer on first use, so Keyward starts while the provider is
 * briefly away) and its signing keys (the JWKS, cached and fetched again when a token names a key
 * the cache does not hold, which is how a key rotation arrives). It verifies the API's bearer
 * tokens (signature, issuer, audience, expiry, not-before, with a bounded clock skew), builds the
 * web pages' authorization requests (code flow with PKCE, state and nonce) and redeems their codes
 * into a verified ID token.
 */
public final class OidcProvider {
  private static final Logger LOG = LoggerFactory.getLogger(OidcProvider.class);

  /** The signature algorithms accepted: asymmetric only, so a client secret can never sign. */
  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);

  private static final int TIMEOUT_MILLIS = 5_000;

  private final Issuer issuer;
  private final ClientID clientId;
  private final Optional<Secret> clientSecret;
  private final String audience;
  private final URI redirectUri;
  private final Scope scope;
  private final Duration clockSkew;
  private final ClaimsMapping mapping;
  private volatile Endpoints endpoints;

  public OidcProvider(
      URI issuer,
      String clientId,
      Optional<Secret> clientSecret,
      String audience,
      URI redirectUri,
      List<String> scopes,
      Duration clockSkew,
      ClaimsMapping mapping) {
    this.issuer = new Issuer(issuer);
    this.clientId = new ClientID(clientId);
    this.clientSecret = clientSecret;
    this.audience = audience;
    this.redirectUri = redirectUri;
    this.scope = new Scope(scopes.toArray(String[]::new));
    this.clockSkew = clockSkew;
    this.mapping = mapping;
  }

  /** The issuer, for messages and the log. */
  public String issuer() {
    return issuer.getValue();
  }

  /**
   * The configured redirect URI, or {@code fallback} (the address the browser used) without one.
   */
  public URI redirectUri(URI fallback) {
    return redirectUri != null ? redirectUri : fallback;
  }

  /**
   * The person a bearer token of the API names.
   *
   * @throws IdentityRefusedException naming what is wrong with the token
   * @throws IdentityProviderUnavailableException when the provider's keys cannot be fetched
   */
  public KeywardPrincipal verifyAccessToken(String token) {
    JWTClaimsSet claims;
    try {
      claims = endpoints().accessTokens().process(token, null);
    } catch (ParseException notAJwt) {
      throw refused("it is not a signed JWT");
    } catch (BadJWSException badSignature) {
      throw refused("its signature does not verify against the keys of " + issuer());
    } catch (BadJWTException badClaims) {
      throw refused(whyClaimsRefused(badClaims.getMessage()));
    } catch (BadJOSEException unsigned) {
      throw refused("it is not signed with a key of " + issuer());
    } catch (JOSEException keysUnavailable) {
      LOG.warn("The keys of {} cannot be fetched: {}", issuer(), keysUnavailable.toString());
      throw new IdentityProviderUnavailableException("the keys of " + issuer() + " cannot be read");
    }
    return new KeywardPrincipal(mapping.userOf(claims), authTimeOf(claims));
  }

  /** Where to send the browser to sign in for {@code pending}. */
  public URI authorizationRequest(PendingSignIn pending) {
    AuthenticationRequest.Builder request =
        new AuthenticationRequest.Builder(
                new ResponseType(ResponseType.Value.CODE), scope, clientId, pending.redirectUri())
            .endpointURI(endpoints().metadata().getAuthorizationEndpointURI())
            .state(pending.state())
            .nonce(pending.nonce())
            .codeChallenge(pending.verifier(), CodeChallengeMethod.S256);
    if (pending.maxAge() != null) {
      request
          .maxAge((int) Math.max(0, pending.maxAge().toSeconds()))
          .prompt(new Prompt(Prompt.Type.LOGIN));
    }
    return request.build().toURI();
  }

  /**
   * Redeems the code the provider sent back for {@code pending} and verifies the ID token
   * (signature, issuer, audience, expiry, nonce; for a step-up, that the person authenticated
   * within its maximum age).
   *
   * @throws IdentityRefusedException when the provider refused the code or its ID token is refused
   */
  public KeywardPrincipal redeem(String code, PendingSignIn pending, Instant now) {
    TokenRequest request =
        clientSecret
            .map(
                secret ->
                    new TokenRequest.Builder(
                            endpoints().metadata().getTokenEndpointURI(),
                            new ClientSecretBasic(
                                clientId, new com.nimbusds.oauth2.sdk.auth.Secret(secret.text())),
                            grant(code, pending))
                        .build())
            .orElseGet(
                () ->
                    new TokenRequest.Builder(
                            endpoints().metadata().getTokenEndpointURI(),
                            clientId,
                            grant(code, pending))
                        .build());
    TokenResponse response;
    try {
      var http = request.toHTTPRequest();
      http.setConnectTimeout(TIMEOUT_MILLIS);
      http.setReadTimeout(TIMEOUT_MILLIS);
      response = OIDCTokenResponseParser.parse(http.send());
    } catch (IOException | com.nimbusds.oauth2.sdk.ParseException unreachable) {
      LOG.warn("The token endpoint of {} did not answer: {}", issuer(), unreachable.toString());
      throw new IdentityProviderUnavailableException(
          "the identity provider " + issuer() + " did not answer");
    }
    if (!response.indicatesSuccess()) {
      TokenErrorResponse error = response.toErrorResponse();
      throw signInRefused(
          "the identity provider refused the sign-in (" + error.getErrorObject().getCode() + ")");
    }
    JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
    IDTokenClaimsSet claims;
    try {
      claims = endpoints().idTokens().validate(idToken, pending.nonce());
    } catch (BadJOSEException | JOSEException refused) {
      throw signInRefused("its ID token is refused: " + refused.getMessage());
    }
    Instant authTime =
        claims.getAuthenticationTime() == null ? null : claims.getAuthenticationTime().toInstant();
    if (pending.maxAge() != null
        && (authTime == null || authTime.plus(pending.maxAge()).plus(clockSkew).isBefore(now))) {
      throw signInRefused("the identity provider did not authenticate the person again as asked");
    }
    try {
      return new KeywardPrincipal(mapping.userOf(claims.toJWTClaimsSet()), authTime);
    } catch (com.nimbusds.oauth2.sdk.ParseException unreadable) {
      throw signInRefused("its ID token's claims cannot be read");
    }
  }

  private AuthorizationCodeGrant grant(String code, PendingSignIn pending) {
    return new AuthorizationCodeGrant(
        new AuthorizationCode(code), pending.redirectUri(), pending.verifier());
  }

  private static IdentityRefusedException refused(String why) {
    return new IdentityRefusedException("the bearer token is refused: " + why);
  }

  private IdentityRefusedException signInRefused(String why) {
    return new IdentityRefusedException("the sign-in through " + issuer() + " is refused: " + why);
  }

  private String whyClaimsRefused(String nimbusMessage) {
    String message = nimbusMessage == null ? "" : nimbusMessage;
    if (message.startsWith("Expired JWT")) {
      return "it has expired; get a new one";
    }
    if (message.startsWith("JWT before use time")) {
      return "it is not valid yet";
    }
    if (message.contains("aud")) {
      return "it is meant for another audience; Keyward accepts tokens for " + audience;
    }
    if (message.contains("iss")) {
      return "it was not issued by " + issuer();
    }
    return "its claims are refused (" + message + ")";
  }

  private static Instant authTimeOf(JWTClaimsSet claims) {
    try {
      Date authTime = claims.getDateClaim("auth_time");
      return authTime == null ? null : authTime.toInstant();
    } catch (ParseException notADate) {
      return null;
    }
  }

  private Endpoints endpoints() {
    Endpoints found = endpoints;
    if (found != null) {
      return found;
    }
    synchronized (this) {
      if (endpoints == null) {
        endpoints = discover();
      }
      return endpoints;
    }
  }

  private Endpoints discover() {
    OIDCProviderMetadata metadata;
    try {
      metadata = OIDCProviderMetadata.resolve(issuer, TIMEOUT_MILLIS, TIMEOUT_MILLIS);
      JWKSource<SecurityContext> keys =
          JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL())
              .retrying(true)
              .build();
      JWSVerificationKeySelector<SecurityContext> selector =
          new JWSVerificationKeySelector<>(ALGORITHMS, keys);
      DefaultJWTProcessor<SecurityContext> accessTokens = new DefaultJWTProcessor<>();
      accessTokens.setJWSKeySelector(selector);
      DefaultJWTClaimsVerifier<SecurityContext> claims =
          new DefaultJWTClaimsVerifier<>(
              Set.of(audience),
              new JWTClaimsSet.Builder().issuer(issuer.getValue()).build(),
              Set.of("exp", "iss", "aud"),
              Set.of());
      claims.setMaxClockSkew((int) clockSkew.toSeconds());
      accessTokens.setJWTClaimsSetVerifier(claims);
      IDTokenValidator idTokens = new IDTokenValidator(issuer, clientId, selector, null);
      idTokens.setMaxClockSkew((int) clockSkew.toSeconds());
      LOG.info("Signing in through {}", issuer());
      return new Endpoints(metadata, accessTokens, idTokens);
    } catch (IOException | GeneralException unreachable) {
      LOG.warn("The configuration of {} cannot be read: {}", issuer(), unreachable.toString());
      throw new IdentityProviderUnavailableException(
          "the identity provider " + issuer() + " does not answer");
    }
  }

  private record Endpoints(
      OIDCProviderMetadata metadata,
      DefaultJWTProcessor<SecurityContext> accessTokens,
      IDTokenValidator idTokens) {}
}
