package io.keyward.api.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.grpc.StatusRuntimeException;
import io.keyward.api.KeywardApplication;
import io.keyward.api.KeywardConfiguration;
import io.keyward.api.health.TemporalHealthCheck;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.connection.TemporalConnection;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testserver.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyward's client through a real TLS-terminating gRPC proxy (nginx, {@code ssl_verify_client on})
 * in front of a Temporal frontend: the API starts a ceremony over mutual TLS, naming the server by
 * a name other than the address it dials; without a client certificate, or trusting another CA, the
 * connection is refused.
 */
class MutualTlsThroughProxyTest {
  @TempDir static Path dir;

  private static TestServer.PortBoundTestServer temporal;
  private static int temporalPort;
  private static NginxGrpcProxy proxy;
  private static TestCertificates.Issued ca;
  private static TestCertificates.Issued client;
  private static TestCertificates.Issued otherCa;

  @BeforeAll
  static void startProxy() throws Exception {
    ca = TestCertificates.authority(dir, "keyward-test-ca");
    otherCa = TestCertificates.authority(dir, "another-ca");
    TestCertificates.Issued server = TestCertificates.server(dir, ca);
    client = TestCertificates.client(dir, ca, "keyward-api");
    temporalPort = NginxGrpcProxy.freePort();
    temporal = TestServer.createPortBoundServer(temporalPort);
    proxy = NginxGrpcProxy.start(dir, temporalPort, server, ca.certificate());
  }

  @AfterAll
  static void stopProxy() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  void theApiStartsACeremonyOverMutualTls() throws Exception {
    DropwizardTestSupport<KeywardConfiguration> app =
        new DropwizardTestSupport<>(
            KeywardApplication.class,
            ResourceHelpers.resourceFilePath("keyward-test.yml"),
            ConfigOverride.config("temporal.target", proxy.target()),
            ConfigOverride.config("temporal.serverName", "localhost"),
            ConfigOverride.config("temporal.serverCaFile", ca.certificate().toString()),
            ConfigOverride.config("temporal.clientCertFile", client.certificate().toString()),
            ConfigOverride.config("temporal.clientKeyFile", client.key().toString()),
            ConfigOverride.config("database.dataDir", dir.resolve("data").toString()));
    try (TestWorkflowEnvironment operator = plainClientOf(temporalPort)) {
      app.before();
      JsonNode health = send(app.getAdminPort(), "/healthcheck", null);
      JsonNode started =
          send(
              app.getLocalPort(),
              "/api/generations",
              """
              {"vault": "kv-mtls", "name": "k1", "classification": "RESTRICTED",
               "spec": {"type": "AES", "size": 256, "operations": ["ENCRYPT", "DECRYPT"]},
               "justification": "over mutual TLS"}""");

      assertThat(health.at("/temporal/healthy").asBoolean()).as(health.toString()).isTrue();
      assertThat(started.path("workflowId").asText())
          .as(started.toString())
          .isEqualTo("keygen/kv-mtls/k1");
      assertThat(
              operator
                  .getWorkflowClient()
                  .newUntypedWorkflowStub("keygen/kv-mtls/k1")
                  .describe()
                  .getWorkflowType())
          .isEqualTo("KeyGeneration");
    } finally {
      app.after();
    }
  }

  @Test
  void aConnectionWithoutAClientCertificateIsRefused() throws Exception {
    WorkflowServiceStubs stubs =
        stubs(
            new TemporalConnection(
                proxy.target(), "default", true, ca.certificate(), "localhost", null, null, null));
    try {
      HealthCheck.Result result = new TemporalHealthCheck(stubs, Duration.ofSeconds(5)).execute();

      assertThat(result.isHealthy()).isFalse();
      assertThat(result.getMessage()).contains("No required SSL certificate was sent");
    } finally {
      stubs.shutdownNow();
      stubs.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aServerCertificateFromAnotherCaIsRefused() throws Exception {
    WorkflowServiceStubs stubs =
        stubs(
            new TemporalConnection(
                proxy.target(),
                "default",
                true,
                otherCa.certificate(),
                "localhost",
                client.certificate(),
                client.key(),
                null));
    try {
      assertThatThrownBy(
              () ->
                  stubs
                      .blockingStub()
                      .withDeadlineAfter(5, TimeUnit.SECONDS)
                      .getSystemInfo(GetSystemInfoRequest.getDefaultInstance()))
          .isInstanceOf(StatusRuntimeException.class)
          .hasStackTraceContaining(SSLHandshakeException.class.getName());
      HealthCheck.Result result = new TemporalHealthCheck(stubs, Duration.ofSeconds(5)).execute();
      assertThat(result.isHealthy()).isFalse();
      assertThat(result.getMessage()).containsIgnoringCase("certificat");
    } finally {
      stubs.shutdownNow();
      stubs.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static WorkflowServiceStubs stubs(TemporalConnection connection) {
    return WorkflowServiceStubs.newServiceStubs(
        connection.serviceStubsOptions(Map.of(), Files::readString));
  }

  /** A plaintext client of the server behind the proxy, which registers Keyward's attributes. */
  private static TestWorkflowEnvironment plainClientOf(int port) {
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

  private static JsonNode send(int port, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
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
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(response.body());
  }
}
