package io.keyward.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testserver.TestServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application as a separate API process runs it: it connects to Temporal at the configured
 * target over TCP and opens the stores in the configured database itself.
 */
class StandaloneApplicationTest {
  @TempDir Path data;

  @Test
  @SuppressWarnings("try") // the server only has to run while the application talks to it
  void connectsToTheConfiguredTemporalAndOpensTheConfiguredDatabase() throws Exception {
    int port = freePort();
    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port);
        TestWorkflowEnvironment operator = external(port)) {
      DropwizardTestSupport<KeywardConfiguration> app =
          new DropwizardTestSupport<>(
              KeywardApplication.class,
              ResourceHelpers.resourceFilePath("keyward-test.yml"),
              ConfigOverride.config("temporal.target", "127.0.0.1:" + port),
              ConfigOverride.config("database.dataDir", data.toString()));
      app.before();
      try {
        HttpResponse<String> health = send(app.getAdminPort(), "/healthcheck", null);
        HttpResponse<String> started =
            send(
                app.getLocalPort(),
                "/api/generations",
                """
                {"vault": "kv-standalone", "name": "k1", "classification": "RESTRICTED",
                 "spec": {"type": "AES", "size": 256, "operations": ["ENCRYPT", "DECRYPT"]},
                 "justification": "batch encryption"}""");

        assertThat(json(health).at("/temporal/healthy").asBoolean()).isTrue();
        assertThat(json(health).at("/database/healthy").asBoolean()).isTrue();
        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(
                operator
                    .getWorkflowClient()
                    .newUntypedWorkflowStub("keygen/kv-standalone/k1")
                    .describe()
                    .getWorkflowType())
            .isEqualTo("KeyGeneration");
        assertThat(data.resolve("db")).isDirectory();
        assertThat(data.resolve("audit.key")).isRegularFile();
      } finally {
        app.after();
      }
    }
  }

  private static TestWorkflowEnvironment external(int port) {
    TestWorkflowEnvironment operator =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setUseExternalService(true)
                .setTarget("127.0.0.1:" + port)
                .build());
    KeywardSearchAttributes.DEFINITIONS.forEach(
        (name, type) ->
            operator.registerSearchAttribute(
                name,
                type.equals("KeywordList")
                    ? IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST
                    : IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    return operator;
  }

  private static HttpResponse<String> send(int port, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            "alice:alice-demo-password".getBytes(StandardCharsets.UTF_8)));
    if (body != null) {
      request
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return new ObjectMapper().readTree(response.body());
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
