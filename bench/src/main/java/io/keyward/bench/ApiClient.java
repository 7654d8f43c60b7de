package io.keyward.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Keyward's HTTP API as a person's client uses it: JSON over one kept-alive HTTP/1.1 connection
 * pool, HTTP Basic credentials of a demo user ({@code <id>-demo-password}) on every request.
 */
final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI base;

  ApiClient(URI base) {
    this.base = base;
  }

  /** POSTs {@code body} as {@code user}; the answer's JSON when the status is {@code expected}. */
  JsonNode post(String user, String path, Object body, int expected)
      throws IOException, InterruptedException {
    HttpRequest request =
        authorised(user, path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
            .build();
    return answer(request, expected);
  }

  /** GETs {@code path} as {@code user}; the answer's JSON when the status is 200. */
  JsonNode get(String user, String path) throws IOException, InterruptedException {
    return answer(authorised(user, path).GET().build(), 200);
  }

  /** GETs {@code path} as {@code user}, whatever the answer; its status. */
  int status(String user, String path) throws IOException, InterruptedException {
    return http.send(authorised(user, path).GET().build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private HttpRequest.Builder authorised(String user, String path) {
    String credentials = user + ":" + user + "-demo-password";
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Accept", "application/json")
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
  }

  private JsonNode answer(HttpRequest request, int expected)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          request.method()
              + " "
              + request.uri().getPath()
              + " answered "
              + response.statusCode()
              + ": "
              + new String(response.body(), StandardCharsets.UTF_8));
    }
    return JSON.readTree(response.body());
  }
}
