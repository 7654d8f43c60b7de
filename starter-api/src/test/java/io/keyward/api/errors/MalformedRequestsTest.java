package io.keyward.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.api.RunningKeyward;
import io.keyward.api.hostile.RawHttp;
import io.keyward.api.hostile.RawHttp.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests that fail before any resource runs, over HTTP against the running application: each is a
 * 400 in the API's JSON error shape that says what was wrong, and starts nothing.
 */
class MalformedRequestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path data;

  private static RunningKeyward keyward;
  private static RawHttp http;

  @BeforeAll
  static void start() throws Exception {
    keyward = RunningKeyward.start(data);
    http = new RawHttp(keyward.port());
  }

  @AfterAll
  static void stop() {
    keyward.close();
  }

  @Test
  void aBodyThatIsNotTheGzipItsContentEncodingSaysIsA400NotA500() {
    Answer answer =
        http.send(
            RawHttp.request("POST", "/api/generations")
                .header("Authorization", alice())
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .body("{\"vault\": \"kv-gzip\", \"name\": \"k\"}")
                .build());

    assertThat(answer.status()).isEqualTo(400);
    assertThat(message(answer))
        .isEqualTo(
            "the request body is not what its Content-Encoding says (the compressed data is"
                + " invalid); nothing was changed");
    assertThat(keyward.describe("keygen/kv-gzip/k")).isEmpty();
  }

  @Test
  void aPathJettyRefusesIsAJsonErrorForEveryMethod() {
    Answer put =
        http.send(
            RawHttp.request("PUT", "/api/keys//k/dependents")
                .header("Authorization", alice())
                .header("Content-Type", "application/json")
                .body("[]")
                .build());

    assertThat(put.status()).isEqualTo(400);
    assertThat(put.header("Content-Type")).isEqualTo("application/json");
    assertThat(message(put)).isEqualTo("Ambiguous URI empty segment");
  }

  @Test
  void aHeaderWithAControlCharacterIsAJsonError() {
    Answer answer =
        http.send(
            RawHttp.request("GET", "/api/generations/kv-a/k")
                .header("Authorization", alice())
                .header("X-Note", "a\u0000b")
                .build());

    assertThat(answer.status()).isEqualTo(400);
    assertThat(message(answer)).isEqualTo("Illegal character CNTL=0x0");
  }

  @Test
  void anAcceptHeaderThatIsNoMediaTypeIsAJsonErrorWithABody() {
    Answer answer =
        http.send(
            RawHttp.request("GET", "/api/generations/kv-a/k")
                .header("Authorization", alice())
                .header("Accept", "application/json;q=x")
                .build());

    assertThat(answer.status()).isEqualTo(400);
    assertThat(message(answer)).isNotBlank();
  }

  private static String message(Answer answer) {
    try {
      JsonNode error = JSON.readTree(answer.body());
      assertThat(error.get("code").asInt()).isEqualTo(answer.status());
      return error.get("message").asText();
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + answer, e);
    }
  }

  private static String alice() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString("alice:alice-demo-password".getBytes(StandardCharsets.UTF_8));
  }
}
