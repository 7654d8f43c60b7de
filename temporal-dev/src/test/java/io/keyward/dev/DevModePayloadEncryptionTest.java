package io.keyward.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import io.keyward.workflows.codec.EncryptingPayloadCodec;
import io.keyward.workflows.generation.KeyGenerationWorkflowImpl;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.WorkflowExecutionHistory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dev mode on the real Temporal dev server encrypts every payload: the history Temporal keeps (and
 * its SQLite file) holds neither the justification nor the reason of a denial, while the codec
 * endpoint gives them back to an auditor, and only to an auditor.
 */
class DevModePayloadEncryptionTest {
  private static final String JUSTIFICATION = "Quarterly ledger export for auditors 7f3a91";
  private static final String DENIAL = "No business owner named 5c2e07";
  private static final String WORKFLOW_ID = "keygen/kv-codec/ledger-export";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  private Path cli;

  @BeforeEach
  void requireTemporalCli() {
    cli = RequiredTemporalCli.get();
  }

  @Test
  void historiesHoldNoPlaintextAndTheCodecEndpointDecodesForAuditorsOnly() throws Exception {
    DevSettings settings = DevServerSettings.onFreePorts(dataDir, cli);
    try (LocalKeyward keyward = LocalKeyward.start(settings, Map.of())) {
      DemoUserHttp api = new DemoUserHttp(keyward.apiUri());
      GenerationOverHttp ceremony = new GenerationOverHttp(api, "kv-codec/ledger-export");
      DemoUserHttp.Answer requested = api.post("alice", "/api/generations", request());
      assertThat(requested.status()).as(requested.body().toString()).isEqualTo(202);
      ceremony.awaitPhase("AWAITING_APPROVAL");
      // A refusal's words travel encrypted too, and still reach the person in clear.
      DemoUserHttp.Answer selfApproval =
          api.post("alice", ceremony.path() + "/decisions", Map.of("decision", "APPROVE"));
      assertThat(selfApproval.status()).as(selfApproval.body().toString()).isEqualTo(409);
      assertThat(selfApproval.body().path("message").asText())
          .isNotBlank()
          .doesNotContain("Encoded failure");
      DemoUserHttp.Answer denied =
          api.post(
              "olivia",
              ceremony.path() + "/decisions",
              Map.of("decision", "DENY", "reason", DENIAL));
      assertThat(denied.status()).as(denied.body().toString()).isEqualTo(200);
      ceremony.awaitPhase("DENIED");

      WorkflowExecutionHistory history = keyward.temporal().client().fetchHistory(WORKFLOW_ID);
      byte[] raw = history.getHistory().toByteArray();
      assertThat(contains(raw, JUSTIFICATION)).as("justification in the history").isFalse();
      assertThat(contains(raw, DENIAL)).as("denial reason in the history").isFalse();
      assertThat(contains(raw, "binary/encrypted")).isTrue();
      try (Stream<Path> files = Files.list(settings.temporalDir())) {
        for (Path file :
            files.filter(f -> f.getFileName().toString().startsWith("temporal.db")).toList()) {
          byte[] bytes = Files.readAllBytes(file);
          assertThat(contains(bytes, JUSTIFICATION)).as("justification in " + file).isFalse();
          assertThat(contains(bytes, DENIAL)).as("denial reason in " + file).isFalse();
        }
      }

      Payload input =
          history
              .getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getInput()
              .getPayloads(0);
      assertThat(EncryptingPayloadCodec.isEncrypted(input)).isTrue();
      String body = JsonFormat.printer().print(Payloads.newBuilder().addPayloads(input).build());

      DemoUserHttp.Answer decoded = api.post("audrey", "/codec/decode", JSON.readTree(body));
      assertThat(decoded.status()).as(decoded.body().toString()).isEqualTo(200);
      String data = decoded.body().path("payloads").get(0).path("data").asText();
      assertThat(new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8))
          .contains(JUSTIFICATION);

      DemoUserHttp.Answer refused = api.post("alice", "/codec/decode", JSON.readTree(body));
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.body().toString()).doesNotContain(JUSTIFICATION);
      assertThat(anonymous(keyward.apiUri().resolve("/codec/decode"), body).statusCode())
          .isEqualTo(401);

      CodecReplay.replay(history, dataDir, KeyGenerationWorkflowImpl.class);
    }
  }

  private static Map<String, Object> request() {
    return Map.of(
        "vault",
        "kv-codec",
        "name",
        "ledger-export",
        "classification",
        "RESTRICTED",
        "spec",
        Map.of("type", "AES", "size", 256, "operations", List.of("ENCRYPT", "DECRYPT")),
        "justification",
        JUSTIFICATION);
  }

  private static HttpResponse<String> anonymous(URI uri, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static boolean contains(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i <= haystack.length - n.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
