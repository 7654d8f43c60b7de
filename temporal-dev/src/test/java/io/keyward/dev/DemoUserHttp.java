package io.keyward.dev;

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

/** Talks to Keyward's API over HTTP as a demo user, with HTTP Basic and the demo password. */
final class DemoUserHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI api;

  DemoUserHttp(URI api) {
    this.api = api;
  }

  record Answer(int status, JsonNode body) {
    String phase() {
      return body.path("phase").asText();
    }
  }

  Answer get(String user, String path) throws IOException, InterruptedException {
    return send(user, HttpRequest.newBuilder(api.resolve(path)).GET());
  }

  Answer post(String user, String path, Object body) throws IOException, InterruptedException {
    return send(
        user,
        HttpRequest.newBuilder(api.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  private Answer send(String user, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    String credentials = user + ":" + user + "-demo-password";
    HttpResponse<String> response =
        http.send(
            request
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    return new Answer(response.statusCode(), body);
  }
}
