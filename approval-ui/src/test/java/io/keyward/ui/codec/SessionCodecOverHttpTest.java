package io.keyward.ui.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.keyward.api.RunningKeyward;
import io.keyward.ui.session.SessionCookies;
import io.keyward.ui.testing.PageClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The approval UI's codec endpoint on the wire, as Temporal Web's browser calls it: the session
 * cookie names the person, the CORS preflight with credentials is answered for Temporal Web's
 * origin only, and only auditors get payloads decoded. {@code TemporalWebCodecTest} (temporal-dev)
 * shows the same in Temporal Web itself.
 */
class SessionCodecOverHttpTest {
  private static final String WEB = "http://localhost:8233";
  private static final String PLAIN =
      "{\"payloads\":[{\"metadata\":{\"encoding\":\""
          + base64("json/plain")
          + "\"},\"data\":\""
          + base64("\"a justification 91c4\"")
          + "\"}]}";

  @TempDir static Path data;

  private static RunningKeyward keyward;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    keyward =
        RunningKeyward.start(
            data,
            ConfigOverride.config("codec.keyEncryptionKey", "software:keyward/payloads"),
            ConfigOverride.config("codec.dataDir", data.toString()),
            ConfigOverride.config("codec.devMode", "true"),
            ConfigOverride.config("codec.temporalWebOrigin", WEB));
  }

  @AfterAll
  static void stop() {
    keyward.close();
  }

  @Test
  void decodesForAnAuditorWhoseSessionCookieComesWithTheRequest() throws Exception {
    String session = sessionOf("audrey");

    HttpResponse<String> encoded = post("/ui/codec/encode", session, PLAIN, "application/json");
    assertThat(encoded.statusCode()).as(encoded.body()).isEqualTo(200);
    assertThat(encoded.body()).doesNotContain(base64("\"a justification 91c4\""));
    assertThat(encoded.headers().firstValue("Access-Control-Allow-Origin")).contains(WEB);
    assertThat(encoded.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");

    HttpResponse<String> decoded =
        post(
            "/ui/codec/decode?preserveStorageRefs=true",
            session,
            encoded.body(),
            "application/json");
    assertThat(decoded.statusCode()).as(decoded.body()).isEqualTo(200);
    assertThat(decoded.body()).contains(base64("\"a justification 91c4\""));
  }

  @Test
  void refusesSomeoneWhoMayNotReadPayloadsAndSomeoneNotSignedIn() throws Exception {
    String encoded =
        post("/ui/codec/encode", sessionOf("audrey"), PLAIN, "application/json").body();

    HttpResponse<String> requester =
        post("/ui/codec/decode", sessionOf("alice"), encoded, "application/json");
    assertThat(requester.statusCode()).isEqualTo(403);
    assertThat(requester.body()).contains("alice may not read payloads");

    HttpResponse<String> nobody = post("/ui/codec/decode", null, encoded, "application/json");
    assertThat(nobody.statusCode()).isEqualTo(401);
    assertThat(nobody.body()).contains("sign in to the approval UI");
    assertThat(nobody.headers().firstValue("Access-Control-Allow-Origin")).contains(WEB);

    HttpResponse<String> forged =
        post("/ui/codec/decode", "not-a-session", encoded, "application/json");
    assertThat(forged.statusCode()).isEqualTo(401);
  }

  /** What a page of another site could send without a preflight: not JSON, so not answered. */
  @Test
  void refusesABodyThatIsNotJson() throws Exception {
    HttpResponse<String> plainText =
        post("/ui/codec/encode", sessionOf("audrey"), PLAIN, "text/plain");

    assertThat(plainText.statusCode()).isEqualTo(415);
    assertThat(plainText.body()).doesNotContain("payloads");
  }

  @Test
  void answersTheCredentialedPreflightOfTemporalWebOnly() throws Exception {
    HttpResponse<String> web = preflight(WEB);
    assertThat(web.statusCode()).isEqualTo(204);
    assertThat(web.headers().firstValue("Access-Control-Allow-Origin")).contains(WEB);
    assertThat(web.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
    assertThat(web.headers().firstValue("Access-Control-Allow-Methods"))
        .hasValueSatisfying(methods -> assertThat(methods).contains("POST"));
    assertThat(web.headers().firstValue("Access-Control-Allow-Headers"))
        .hasValueSatisfying(headers -> assertThat(headers).contains("Content-Type", "X-Namespace"));

    HttpResponse<String> other = preflight("http://localhost:9999");
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(other.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
  }

  private static String sessionOf(String user) {
    PageClient browser = new PageClient(keyward.base());
    assertThat(browser.signIn(user).status()).isEqualTo(303);
    return browser.cookie(SessionCookies.SESSION);
  }

  private HttpResponse<String> post(String path, String session, String body, String type)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(keyward.base().resolve(path))
            .header("Origin", WEB)
            .header("Content-Type", type)
            .header("X-Namespace", "default")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      request.header("Cookie", SessionCookies.SESSION + "=" + session);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> preflight(String origin) throws Exception {
    return http.send(
        HttpRequest.newBuilder(keyward.base().resolve("/ui/codec/decode"))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type,x-namespace")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
