package io.keyward.api.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.keyward.api.RunningKeyward;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporal's remote codec protocol as Temporal Web calls it: from its own origin, with the person's
 * credentials, answered only for payload readers.
 */
class CodecResourceTest {
  private static final String WEB = "http://localhost:8233";
  private static final String PLAIN =
      "{\"payloads\":[{\"metadata\":{\"encoding\":\""
          + base64("json/plain")
          + "\"},\"data\":\""
          + base64("\"a justification\"")
          + "\"}]}";

  @TempDir static Path data;

  private static RunningKeyward keyward;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    keyward =
        RunningKeyward.start(
            data,
            audit -> List.of(),
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
  void encodesAndDecodesForAnAuditorCallingFromTemporalWeb() throws Exception {
    HttpResponse<String> encoded = post("audrey", "/codec/encode", PLAIN, WEB);
    assertThat(encoded.statusCode()).as(encoded.body()).isEqualTo(200);
    assertThat(encoded.body()).doesNotContain(base64("\"a justification\""));
    assertThat(encoded.headers().firstValue("Access-Control-Allow-Origin")).contains(WEB);
    assertThat(encoded.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");

    HttpResponse<String> decoded = post("audrey", "/codec/decode", encoded.body(), WEB);

    assertThat(decoded.statusCode()).as(decoded.body()).isEqualTo(200);
    JsonNode payload = new ObjectMapper().readTree(decoded.body()).path("payloads").get(0);
    assertThat(
            new String(
                Base64.getDecoder().decode(payload.path("data").asText()), StandardCharsets.UTF_8))
        .isEqualTo("\"a justification\"");
  }

  @Test
  void refusesPeopleWhoDoNotReadEveryCeremony() throws Exception {
    String encoded = post("audrey", "/codec/encode", PLAIN, WEB).body();

    HttpResponse<String> refused = post("alice", "/codec/decode", encoded, WEB);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("SECURITY_AUDITOR").doesNotContain("justification\\\"");
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).contains(WEB);
  }

  @Test
  void refusesAnonymousCallers() throws Exception {
    HttpResponse<String> refused = post(null, "/codec/decode", PLAIN, WEB);

    assertThat(refused.statusCode()).isEqualTo(401);
  }

  @Test
  void answersThePreflightOfTemporalWebOnly() throws Exception {
    HttpResponse<String> allowed = preflight(WEB);
    HttpResponse<String> other = preflight("http://evil.example");

    assertThat(allowed.statusCode()).isEqualTo(204);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(WEB);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
        .contains("X-Namespace");
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(
            post("audrey", "/codec/encode", PLAIN, "http://evil.example")
                .headers()
                .firstValue("Access-Control-Allow-Origin"))
        .isEmpty();
  }

  @Test
  void refusesATamperedPayloadWithA400() throws Exception {
    JsonNode encoded =
        new ObjectMapper().readTree(post("audrey", "/codec/encode", PLAIN, WEB).body());
    byte[] data = Base64.getDecoder().decode(encoded.path("payloads").get(0).path("data").asText());
    data[data.length - 1] ^= 1;
    String tampered =
        encoded
            .toString()
            .replace(
                encoded.path("payloads").get(0).path("data").asText(),
                Base64.getEncoder().encodeToString(data));

    HttpResponse<String> refused = post("audrey", "/codec/decode", tampered, WEB);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("integrity check");
  }

  private HttpResponse<String> post(String user, String path, String body, String origin)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .header("Origin", origin)
            .header("X-Namespace", "default")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      request.header("Authorization", "Basic " + base64(user + ":" + user + "-demo-password"));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> preflight(String origin) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri("/codec/decode"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type,x-namespace")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://localhost:" + keyward.port() + path);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
