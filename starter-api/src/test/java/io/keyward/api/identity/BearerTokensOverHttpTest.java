package io.keyward.api.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.dropwizard.testing.ConfigOverride;
import io.keyward.api.RunningKeyward;
import io.keyward.api.RunningKeyward.Reply;
import io.keyward.api.refusal.Refusals;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API with bearer tokens of a real OpenID Connect server started here (Entra ID style app roles
 * in the {@code roles} claim): a valid token acts as its person, every bad one is a 401 that says
 * why and changes nothing, and an ULTRA decision needs a token whose {@code auth_time} is recent.
 */
class BearerTokensOverHttpTest {
  private static final String ISSUER_ID = "entra";
  private static final String AUDIENCE = "api://keyward";

  @TempDir static Path data;

  private static MockOAuth2Server oidc;
  private static RunningKeyward keyward;

  @BeforeAll
  static void start() throws Exception {
    oidc = new MockOAuth2Server();
    oidc.start();
    keyward =
        RunningKeyward.start(
            "keyward-oidc-test.yml",
            data,
            audit -> List.of(),
            ConfigOverride.config("identity.oidc.issuer", oidc.issuerUrl(ISSUER_ID).toString()));
  }

  @AfterAll
  static void stop() {
    if (keyward != null) {
      keyward.close();
    }
    if (oidc != null) {
      oidc.shutdown();
    }
  }

  @Test
  void actsAsThePersonOfAValidTokenWithTheMappedRoles() {
    String token = token(AUDIENCE, claims("oona", List.of("Keyward.CryptoOfficer")), 3600);

    Reply requested = keyward.postWithToken(token, "/api/generations", body("kv-oidc", "valid"));

    assertThat(requested.status()).isEqualTo(202);
    Reply state = keyward.getWithToken(token, "/api/generations/kv-oidc/valid");
    assertThat(state.status()).isEqualTo(200);
    assertThat(state.body().get("request").get("requester").get("id").asText()).isEqualTo("oona");
  }

  @Test
  void refusesATokenForAnotherAudience() {
    assertRefused(
        token("api://someone-else", claims("oona", List.of("Keyward.CryptoOfficer")), 3600),
        "other-audience",
        "the bearer token is refused: it is meant for another audience; Keyward accepts tokens"
            + " for api://keyward");
  }

  @Test
  void refusesAnExpiredToken() {
    assertRefused(
        token(AUDIENCE, claims("oona", List.of("Keyward.CryptoOfficer")), -600),
        "expired",
        "the bearer token is refused: it has expired; get a new one");
  }

  @Test
  void refusesABadlySignedToken() throws Exception {
    SignedJWT genuine =
        oidc.issueToken(
            ISSUER_ID,
            "keyward-ui",
            callback(AUDIENCE, claims("oona", List.of("Keyward.CryptoOfficer")), 3600));
    RSAKey impostor = new RSAKeyGenerator(2048).keyID(genuine.getHeader().getKeyID()).generate();
    SignedJWT forged =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(impostor.getKeyID()).build(),
            genuine.getJWTClaimsSet());
    forged.sign(new RSASSASigner(impostor));

    assertRefused(
        forged.serialize(),
        "forged",
        "the bearer token is refused: its signature does not verify against the keys of "
            + oidc.issuerUrl(ISSUER_ID));
  }

  @Test
  void refusesATokenWithoutARole() {
    Map<String, Object> claims = claims("oona", List.of());
    claims.remove("roles");
    assertRefused(
        token(AUDIENCE, claims, 3600),
        "no-role",
        "the token of oona carries no 'roles' claim: assign the person a Keyward role at the"
            + " identity provider");
  }

  @Test
  void refusesATokenWithARoleTheMappingDoesNotKnow() {
    assertRefused(
        token(AUDIENCE, claims("oona", List.of("Payroll.Admin")), 3600),
        "unknown-role",
        "the token of oona carries no role Keyward's role mapping knows ('roles': [Payroll.Admin]);"
            + " known: [Keyward.Ciso, Keyward.CryptoOfficer, Keyward.KeyCustodian,"
            + " Keyward.SecurityAuditor]");
  }

  @Test
  void anUltraDecisionNeedsATokenWhoseAuthenticationIsRecent() {
    Reply requested =
        keyward.post(
            "alice",
            "/api/generations",
            body("kv-oidc", "ultra").replace("\"SECRET\"", "\"ULTRA\"").replace("P_384", "P_521"));
    assertThat(requested.status()).isEqualTo(202);
    String decide = "/api/generations/kv-oidc/ultra/decisions";
    String approve = "{\"decision\": \"APPROVE\", \"reason\": \"reviewed\"}";

    Map<String, Object> stale = claims("cleo", List.of("Keyward.Ciso"));
    stale.put("auth_time", Instant.now().minusSeconds(600).getEpochSecond());
    Reply refused = keyward.postWithToken(token(AUDIENCE, stale, 3600), decide, approve);
    Reply unknown =
        keyward.postWithToken(
            token(AUDIENCE, claims("cleo", List.of("Keyward.Ciso")), 3600), decide, approve);

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.body().get("message").asText())
        .isEqualTo(
            "deciding an ULTRA step needs a sign-in within the last 5 minutes; you last signed in"
                + " 10 minutes ago: sign in again, then decide");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.body().get("message").asText())
        .contains("when you last signed in is not known: sign in again");
    assertThat(keyward.get("alice", "/api/generations/kv-oidc/ultra").body().get("approvers"))
        .isEmpty();
    assertThat(keyward.audit().recordsFor("keygen/kv-oidc/ultra"))
        .filteredOn(r -> r.event().type().equals(Refusals.REFUSED))
        .hasSize(2);

    Map<String, Object> fresh = claims("cleo", List.of("Keyward.Ciso"));
    fresh.put("auth_time", Instant.now().minusSeconds(30).getEpochSecond());
    Reply unsigned = keyward.postWithToken(token(AUDIENCE, fresh, 3600), decide, approve);

    // A recent sign-in passes the API; the workflow still wants cleo's own security key.
    assertThat(unsigned.status()).isEqualTo(409);
    assertThat(unsigned.body().get("message").asText())
        .contains("decide on the request's page in the approval UI with your security key");
    assertThat(keyward.get("alice", "/api/generations/kv-oidc/ultra").body().get("approvers"))
        .isEmpty();
  }

  @Test
  void withoutCredentialsTheChallengeNamesBothWays() {
    Reply anonymous = keyward.get(null, "/api/generations/kv-oidc/none");

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.raw().headers().allValues("WWW-Authenticate"))
        .containsExactlyInAnyOrder("Bearer realm=\"keyward\"", "Basic realm=\"keyward\"");
    assertThat(anonymous.body().get("message").asText())
        .isEqualTo(
            "authentication required: send a bearer token of "
                + oidc.issuerUrl(ISSUER_ID)
                + " or HTTP Basic credentials of a Keyward directory user");
  }

  /** A refused token answers 401 with {@code message}, never echoes the token, starts nothing. */
  private static void assertRefused(String token, String name, String message) {
    Reply reply = keyward.postWithToken(token, "/api/generations", body("kv-oidc", name));

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.body().get("message").asText()).isEqualTo(message);
    assertThat(reply.raw().body()).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    assertThat(keyward.describe("keygen/kv-oidc/" + name)).isEmpty();
  }

  private static String token(String audience, Map<String, Object> claims, long expirySeconds) {
    return oidc.issueToken(ISSUER_ID, "keyward-ui", callback(audience, claims, expirySeconds))
        .serialize();
  }

  private static DefaultOAuth2TokenCallback callback(
      String audience, Map<String, Object> claims, long expirySeconds) {
    return new DefaultOAuth2TokenCallback(
        ISSUER_ID,
        "subject-" + claims.get("preferred_username"),
        "JWT",
        List.of(audience),
        claims,
        expirySeconds);
  }

  private static Map<String, Object> claims(String person, List<String> roles) {
    Map<String, Object> claims = new HashMap<>();
    claims.put("preferred_username", person);
    claims.put("name", person.toUpperCase(java.util.Locale.ROOT));
    claims.put("roles", roles);
    return claims;
  }

  private static String body(String vault, String name) {
    return """
        {"vault": "%s", "name": "%s", "classification": "SECRET",
         "spec": {"type": "EC", "curve": "P_384", "operations": ["SIGN", "VERIFY"]},
         "justification": "card payments", "ticket": "CHG0012345"}"""
        .formatted(vault, name);
  }
}
