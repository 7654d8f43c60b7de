package io.keyward.api.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.keyward.activities.integration.GiveUpRecord;
import io.keyward.activities.integration.RecordingHttpServer;
import io.keyward.activities.integration.RecordingHttpServer.Answer;
import io.keyward.activities.integration.RecordingHttpServer.Request;
import io.keyward.activities.servicenow.ServiceNowTickets;
import io.keyward.api.RunningKeyward;
import io.keyward.api.RunningKeyward.Reply;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.integration.Secret;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.servicenow.ServiceNowSettings;
import io.keyward.workflows.servicenow.TicketStateValues;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ServiceNow's webhook over HTTP against the running application, the in-process Temporal server
 * and the real workflows, with the write-back going to a local stand-in for ServiceNow's Table API.
 */
class ServiceNowWebhookTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Secret SECRET = Secret.ofText("snow-webhook-secret-for-tests-0123456789");
  private static final AtomicInteger RECORDS = new AtomicInteger(1);

  @TempDir static Path data;

  private static RecordingHttpServer serviceNow;
  private static RunningKeyward keyward;

  @BeforeAll
  static void start() throws Exception {
    serviceNow = new RecordingHttpServer(ServiceNowWebhookTest::tableApi);
    Path secretFile = Files.writeString(data.resolve("snow-secret"), SECRET.text() + "\n");
    ServiceNowSettings writeBack =
        new ServiceNowSettings(
            URI.create(serviceNow.baseUrl()),
            "keyward.integration",
            Secret.ofText("snow-integration-password"),
            URI.create("http://keyward.test"),
            TicketStateValues.defaults(),
            3);
    keyward =
        RunningKeyward.start(
            data,
            audit ->
                List.of(
                    ServiceNowTickets.of(writeBack, new GiveUpRecord(audit, Clock.systemUTC()))),
            ConfigOverride.config("servicenow.webhookSecretFile", secretFile.toString()),
            ConfigOverride.config("servicenow.users.abel-tuter", "alice"),
            ConfigOverride.config("servicenow.users.olivia-snow", "olivia"),
            ConfigOverride.config("servicenow.users.sol-snow", "sol"));
  }

  @AfterAll
  static void stop() {
    keyward.close();
    serviceNow.close();
  }

  @Test
  void aSignedDeliveryStartsOneCeremonyAndAnswersAtOnce() throws Exception {
    Record record = Record.next("kv-snow", "card-signing");

    Reply reply = deliver(record.keyGeneration("SECRET", rsa(3072)));

    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.body().get("workflowId").asText()).isEqualTo("keygen/kv-snow/card-signing");
    assertThat(reply.body().get("statusUrl").asText())
        .isEqualTo("/api/generations/kv-snow/card-signing");
    assertThat(reply.body().get("ticketWorkflowId").asText()).isEqualTo("snow/" + record.sysId);
    assertThat(reply.body().get("duplicate").asBoolean()).isFalse();

    JsonNode state = keyward.get("olivia", "/api/generations/kv-snow/card-signing").body();
    assertThat(state.get("phase").asText()).isEqualTo("AWAITING_APPROVAL");
    assertThat(state.at("/request/requester/id").asText()).isEqualTo("alice");
    assertThat(state.at("/request/ticket").asText()).isEqualTo(record.number);
    assertThat(
            keyward
                .describe("keygen/kv-snow/card-signing")
                .orElseThrow()
                .getTypedSearchAttributes()
                .get(KeywardSearchAttributes.TICKET))
        .isEqualTo(record.number);
    assertThat(keyward.describe("snow/" + record.sysId)).isPresent();
  }

  @Test
  void progressIsWrittenBackToTheTicketThroughTheTableApi() throws Exception {
    Record record = Record.next("kv-snow", "write-back");
    deliver(record.keyGeneration("SECRET", rsa(3072)));

    List<Request> patches = awaitPatches(record.sysId, 2);

    assertThat(patches)
        .allSatisfy(
            patch -> {
              assertThat(patch.uri().getPath())
                  .isEqualTo("/api/now/table/change_request/" + record.sysId);
              assertThat(patch.header("Authorization")).startsWith("Basic ");
            });
    List<String> notes = patches.stream().map(p -> field(p, "work_notes")).toList();
    assertThat(notes)
        .anySatisfy(
            note ->
                assertThat(note)
                    .contains("Keyward accepted this key generation record from alice")
                    .contains("keygen/kv-snow/write-back"));
    assertThat(notes)
        .anySatisfy(
            note ->
                assertThat(note)
                    .startsWith("[Keyward keygen/kv-snow/write-back #1] The SECRET RSA-3072 key")
                    .contains("waits for approval: 2 of 3")
                    .contains("http://keyward.test/ui/generations/kv-snow/write-back"));
    assertThat(patches).allSatisfy(p -> assertThat(field(p, "state")).isEqualTo("-1"));
  }

  @Test
  void aDuplicateDeliveryReturnsTheSameWorkflowAndStartsNothingNew() throws Exception {
    Record record = Record.next("kv-snow", "duplicated");
    byte[] body = record.keyGeneration("SECRET", rsa(3072));

    Reply first = deliver(body);
    String firstRun = runId("keygen/kv-snow/duplicated");
    Reply second = deliver(body);
    Reply resent = deliver(record.keyGeneration("CONFIDENTIAL", rsa(3072)));

    assertThat(second.status()).isEqualTo(202);
    assertThat(second.body().get("workflowId").asText())
        .isEqualTo(first.body().get("workflowId").asText());
    assertThat(second.body().get("duplicate").asBoolean()).isTrue();
    assertThat(resent.body().get("workflowId").asText()).isEqualTo("keygen/kv-snow/duplicated");
    assertThat(runId("keygen/kv-snow/duplicated")).isEqualTo(firstRun);
    assertThat(
            keyward
                .get("olivia", "/api/generations/kv-snow/duplicated")
                .body()
                .at("/request/classification")
                .asText())
        .isEqualTo("SECRET");
  }

  @Test
  void aBadSignatureIsRefusedAndStartsNothing() throws Exception {
    Record record = Record.next("kv-snow", "forged");
    byte[] body = record.keyGeneration("SECRET", rsa(3072));
    String now = Long.toString(Instant.now().getEpochSecond());

    Reply forged =
        keyward.deliver(
            "/webhooks/servicenow",
            Map.of(
                "Content-Type",
                "application/json",
                ServiceNowSignature.TIMESTAMP_HEADER,
                now,
                ServiceNowSignature.SIGNATURE_HEADER,
                ServiceNowSignature.sign(Secret.ofText("not-the-secret"), now, body)),
            body);
    Reply unsigned =
        keyward.deliver(
            "/webhooks/servicenow",
            Map.of("Content-Type", "application/json", ServiceNowSignature.TIMESTAMP_HEADER, now),
            body);

    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.body().get("message").asText())
        .isEqualTo("the signature does not match the body: nothing was started");
    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(unsigned.body().get("message").asText())
        .isEqualTo("the X-Keyward-Signature header must be sha256=<hex HMAC-SHA256>");
    assertStartedNothing(record, "kv-snow/forged");
  }

  @Test
  void aSignatureOverAnotherTimestampIsRefused() throws Exception {
    Record record = Record.next("kv-snow", "rebound");
    byte[] body = record.keyGeneration("SECRET", rsa(3072));
    String signedAt = Long.toString(Instant.now().getEpochSecond() - 30);
    String sentAt = Long.toString(Instant.now().getEpochSecond());

    Reply reply =
        keyward.deliver(
            "/webhooks/servicenow",
            Map.of(
                "Content-Type",
                "application/json",
                ServiceNowSignature.TIMESTAMP_HEADER,
                sentAt,
                ServiceNowSignature.SIGNATURE_HEADER,
                ServiceNowSignature.sign(SECRET, signedAt, body)),
            body);

    assertThat(reply.status()).isEqualTo(401);
    assertStartedNothing(record, "kv-snow/rebound");
  }

  @Test
  void aStaleTimestampIsRefusedAndStartsNothing() throws Exception {
    Record record = Record.next("kv-snow", "stale");
    byte[] body = record.keyGeneration("SECRET", rsa(3072));

    Reply reply = deliverAt(Instant.now().minusSeconds(6 * 60), body);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.body().get("message").asText())
        .startsWith("the X-Keyward-Timestamp header is 36")
        .endsWith("outside the window of 5 minutes; a delivery is accepted only while it is fresh");
    assertStartedNothing(record, "kv-snow/stale");
  }

  @ParameterizedTest
  @ValueSource(longs = {Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1})
  void aTimestampAtTheEndsOfTheNumbersIsRefusedAsStale(long seconds) throws Exception {
    Record record = Record.next("kv-snow", "extreme-" + Long.toHexString(seconds));
    byte[] body = record.keyGeneration("SECRET", rsa(3072));

    Reply reply = deliverSignedAt(Long.toString(seconds), body);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.body().get("message").asText())
        .startsWith("the X-Keyward-Timestamp header is ")
        .endsWith("outside the window of 5 minutes; a delivery is accepted only while it is fresh");
    assertStartedNothing(record, "kv-snow/extreme-" + Long.toHexString(seconds));
  }

  @Test
  void malformedJsonIsRefusedWithWhereItBreaks() {
    Reply reply = deliver("{\"sys_id\": \"abc\", ".getBytes(StandardCharsets.UTF_8));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().get("message").asText()).startsWith("malformed JSON at line 1");
  }

  @Test
  void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
    Record record = Record.next("kv-snow", "oversized");
    String padding = "x".repeat(70 * 1024);
    byte[] body =
        new String(record.keyGeneration("SECRET", rsa(3072)), StandardCharsets.UTF_8)
            .replace("card payments", padding)
            .getBytes(StandardCharsets.UTF_8);

    Reply reply = deliver(body);

    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.body().get("message").asText())
        .isEqualTo("the body is larger than 65536 bytes; nothing was started");
    assertStartedNothing(record, "kv-snow/oversized");
  }

  @Test
  void anUnknownRecordTypeIsRefused() throws Exception {
    Record record = Record.next("kv-snow", "typo");
    byte[] body =
        new String(record.keyGeneration("SECRET", rsa(3072)), StandardCharsets.UTF_8)
            .replace("\"key_generation\"", "\"key_destruction\"")
            .getBytes(StandardCharsets.UTF_8);

    Reply reply = deliver(body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().get("message").asText())
        .isEqualTo(
            "record_type 'key_destruction' is not a record Keyward starts: one of key_generation,"
                + " rotation, compromise, break_glass");
    assertStartedNothing(record, "kv-snow/typo");
  }

  @Test
  void missingFieldsAreNamed() throws Exception {
    Record record = Record.next("kv-snow", "incomplete");
    String complete = new String(record.keyGeneration("SECRET", rsa(3072)), StandardCharsets.UTF_8);

    Reply noSysId = deliver(complete.replace("\"sys_id\": \"" + record.sysId + "\",", ""));
    Reply noClassification = deliver(complete.replace("\"classification\": \"SECRET\",", ""));
    Reply noRequester = deliver(complete.replace("\"requested_by\": \"abel-tuter\",", ""));

    assertThat(noSysId.status()).isEqualTo(400);
    assertThat(noSysId.body().get("message").asText())
        .isEqualTo("sys_id must be the record's 32 lower-case hexadecimal characters");
    assertThat(noClassification.status()).isEqualTo(400);
    assertThat(noClassification.body().get("message").asText())
        .startsWith("classification is required");
    assertThat(noRequester.status()).isEqualTo(400);
    assertThat(noRequester.body().get("message").asText())
        .startsWith("requested_by is required for a key_generation record");
    assertStartedNothing(record, "kv-snow/incomplete");
  }

  @Test
  void aFieldOfTheWrongFormIsNamedWithItsPath() throws Exception {
    Record record = Record.next("kv-snow", "wrong-form");
    String complete = new String(record.keyGeneration("SECRET", rsa(3072)), StandardCharsets.UTF_8);

    Reply reply = deliver(complete.replace("\"SECRET\"", "\"TOP_SECRET\""));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().get("message").asText())
        .startsWith("request.classification: 'TOP_SECRET' is not one of");
    assertStartedNothing(record, "kv-snow/wrong-form");
  }

  @Test
  void anUnmappedRequesterIsRefusedWith422() throws Exception {
    Record record = Record.next("kv-snow", "stranger");
    String complete = new String(record.keyGeneration("SECRET", rsa(3072)), StandardCharsets.UTF_8);

    Reply reply = deliver(complete.replace("abel-tuter", "someone.else"));

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.body().get("message").asText())
        .isEqualTo(
            "ServiceNow user 'someone.else' (requested_by) is not mapped to a Keyward user in"
                + " servicenow.users; nothing was started");
    assertStartedNothing(record, "kv-snow/stranger");
  }

  @Test
  void aSpecThatBreaksPolicyIsRefusedWith422() throws Exception {
    Record record = Record.next("kv-snow", "weak");

    Reply reply = deliver(record.keyGeneration("ULTRA", rsa(2048)));

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.body().get("message").asText()).startsWith("the request breaks policy");
    assertThat(reply.body().get("violations")).isNotEmpty();
    assertStartedNothing(record, "kv-snow/weak");
  }

  @Test
  void aKeyWithACeremonyForAnotherTicketIsRefused() throws Exception {
    Record first = Record.next("kv-snow", "contested");
    Record second = Record.next("kv-snow", "contested");
    deliver(first.keyGeneration("SECRET", rsa(3072)));

    Reply reply = deliver(second.keyGeneration("SECRET", rsa(3072)));

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.body().get("message").asText())
        .isEqualTo(
            "a generation ceremony for kv-snow/contested is already running for ticket "
                + first.number
                + "; nothing was started");
    assertThat(keyward.describe("snow/" + second.sysId)).isEmpty();
  }

  @Test
  void isNotBehindBasicAuthButNeedsItsSignature() throws Exception {
    Record record = Record.next("kv-snow", "anonymous");

    Reply reply = deliver(record.keyGeneration("CONFIDENTIAL", rsa(3072)));

    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.header("WWW-Authenticate")).isEmpty();
  }

  @Test
  void aRotationRequestPlansTheRotationWithTheTicketNumber() throws Exception {
    Record record = Record.next("kv-snow", "rotated");
    keyward.registerKey(
        new KeyRef("kv-snow", "rotated"),
        Classification.CONFIDENTIAL,
        KeyUsage.APPLICATION,
        "alice");
    String date = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(60).toString();

    Reply reply =
        deliver(
            record.rotation(
                "{\"vault\": \"kv-snow\", \"name\": \"rotated\","
                    + " \"rotationDate\": \""
                    + date
                    + "\", \"justification\": \"annual rotation\"}"));

    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.body().get("workflowId").asText()).isEqualTo("rotation/kv-snow/rotated");
    assertThat(reply.body().get("statusUrl").asText()).isEqualTo("/api/rotations/kv-snow/rotated");
    var described = keyward.describe("rotation/kv-snow/rotated").orElseThrow();
    assertThat(described.getWorkflowType()).isEqualTo("ManualRotation");
    assertThat(described.getTypedSearchAttributes().get(KeywardSearchAttributes.TICKET))
        .isEqualTo(record.number);
  }

  @Test
  void aRotationInThePastIsRefusedAndStartsNothing() throws Exception {
    Record record = Record.next("kv-snow", "late-rotation");

    Reply reply =
        deliver(
            record.rotation(
                "{\"vault\": \"kv-snow\", \"name\": \"late-rotation\","
                    + " \"rotationDate\": \"2020-01-01\","
                    + " \"justification\": \"too late\"}"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().get("message").asText())
        .isEqualTo("rotationDate 2020-01-01T00:00:00Z is not in the future");
    assertStartedNothing(record, "none/none");
    assertThat(keyward.describe("rotation/kv-snow/late-rotation")).isEmpty();
  }

  @Test
  void aRotationRecordNamingAUsageIsRefusedAndStartsNothing() throws Exception {
    Record record = Record.next("kv-snow", "downgraded");
    String date = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(60).toString();

    Reply reply =
        deliver(
            record.rotation(
                "{\"vault\": \"kv-snow\", \"name\": \"downgraded\", \"usage\": \"API_KEY\","
                    + " \"rotationDate\": \""
                    + date
                    + "\", \"justification\": \"cheaper approvals\"}"));

    assertThat(reply.status()).isEqualTo(422);
    assertThat(keyward.describe("rotation/kv-snow/downgraded")).isEmpty();
  }

  @Test
  void aCompromiseIncidentStartsTheResponseWithTheIncidentNumber() throws Exception {
    Record record = Record.next("kv-snow", "leaked").incident("INC");

    Reply reply =
        deliver(
            record.incidentRecord(
                "compromise",
                "sol-snow",
                "{\"vault\": \"kv-snow\", \"name\": \"leaked\", \"severity\": \"P1\","
                    + " \"summary\": \"private key found in a public repository\"}"));

    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.body().get("workflowId").asText()).isEqualTo("compromise/" + record.number);
    assertThat(reply.body().get("statusUrl").asText())
        .isEqualTo("/api/compromises/" + record.number);
    assertThat(keyward.describe("compromise/" + record.number).orElseThrow().getWorkflowType())
        .isEqualTo("CompromiseResponse");
    assertThat(keyward.describe("snow/" + record.sysId)).isPresent();
  }

  @Test
  void aCompromiseFromSomeoneWhoMayNotReportOneIsRefusedLikeTheApiRefusesIt() throws Exception {
    Record record = Record.next("kv-snow", "not-reported").incident("INC");

    Reply reply =
        deliver(
            record.incidentRecord(
                "compromise", "abel-tuter", "{\"vault\": \"kv-snow\", \"name\": \"x\"}"));

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.body().get("message").asText())
        .startsWith("alice may not report a compromise");
    assertThat(keyward.describe("compromise/" + record.number)).isEmpty();
    assertThat(keyward.describe("snow/" + record.sysId)).isEmpty();
  }

  @Test
  void aBreakGlassDeclarationStartsASessionForTheIncident() throws Exception {
    Record record = Record.next("kv-snow", "emergency").incident("INC");

    Reply reply =
        deliver(
            record.incidentRecord(
                "break_glass",
                "sol-snow",
                "{\"vault\": \"kv-snow\", \"reason\": \"payments down: HSM key access\","
                    + " \"durationMinutes\": 10, \"admin\": \"bruno\"}"));

    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.body().get("workflowId").asText()).isEqualTo("breakglass/" + record.number);
    assertThat(reply.body().get("statusUrl").asText())
        .isEqualTo("/api/break-glass/" + record.number);
    assertThat(keyward.describe("breakglass/" + record.number).orElseThrow().getWorkflowType())
        .isEqualTo("BreakGlass");
  }

  @Test
  void aBreakGlassDeclarationNeedsItsOpenedBy() throws Exception {
    Record record = Record.next("kv-snow", "anonymous-emergency").incident("INC");

    Reply reply =
        deliver(
            record.incidentRecord(
                "break_glass", null, "{\"vault\": \"kv-snow\", \"admin\": \"bruno\"}"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().get("message").asText())
        .startsWith("opened_by is required for a break_glass record");
    assertThat(keyward.describe("breakglass/" + record.number)).isEmpty();
  }

  private static Reply deliver(byte[] body) {
    return deliverAt(Instant.now(), body);
  }

  private static Reply deliver(String body) {
    return deliver(body.getBytes(StandardCharsets.UTF_8));
  }

  private static Reply deliverAt(Instant at, byte[] body) {
    return deliverSignedAt(Long.toString(at.getEpochSecond()), body);
  }

  /** A delivery signed as ServiceNow signs it, with any timestamp header value. */
  private static Reply deliverSignedAt(String timestamp, byte[] body) {
    return keyward.deliver(
        "/webhooks/servicenow",
        Map.of(
            "Content-Type",
            "application/json",
            ServiceNowSignature.TIMESTAMP_HEADER,
            timestamp,
            ServiceNowSignature.SIGNATURE_HEADER,
            ServiceNowSignature.sign(SECRET, timestamp, body)),
        body);
  }

  private static void assertStartedNothing(Record record, String key) {
    assertThat(keyward.describe("snow/" + record.sysId)).as("the ticket's record").isEmpty();
    assertThat(keyward.describe("keygen/" + key)).as("the ceremony").isEmpty();
  }

  private static String runId(String workflowId) {
    return keyward.describe(workflowId).orElseThrow().getExecution().getRunId();
  }

  private static List<Request> awaitPatches(String sysId, int count) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      List<Request> patches = patches(sysId);
      if (patches.size() >= count) {
        return patches;
      }
      Thread.sleep(50);
    }
    return patches(sysId);
  }

  private static List<Request> patches(String sysId) {
    return serviceNow.requests().stream()
        .filter(r -> r.method().equals("PATCH") && r.uri().getPath().endsWith("/" + sysId))
        .toList();
  }

  private static String field(Request patch, String name) {
    try {
      return JSON.readTree(patch.body()).path(name).asText(null);
    } catch (Exception e) {
      throw new AssertionError("the PATCH body is not JSON: " + patch.body(), e);
    }
  }

  /** The Table API stand-in: every number is a change request with the sys_id of its record. */
  private static Answer tableApi(Request request) {
    if (request.method().equals("GET")) {
      String query =
          java.net.URLDecoder.decode(request.uri().getRawQuery(), StandardCharsets.UTF_8);
      Optional<Record> known = Record.byNumber(query);
      return known
          .map(
              r ->
                  new Answer(
                      200,
                      "{\"result\":[{\"sys_id\":\""
                          + r.sysId
                          + "\",\"sys_class_name\":\"change_request\"}]}"))
          .orElse(new Answer(200, "{\"result\":[]}"));
    }
    return new Answer(200, "{\"result\":{}}");
  }

  private static String rsa(int size) {
    return "{\"type\": \"RSA\", \"size\": " + size + ", \"operations\": [\"SIGN\", \"VERIFY\"]}";
  }

  /** A ServiceNow change request with a fresh sys_id and number. */
  private record Record(String sysId, String number, String vault, String name) {
    private static final java.util.List<Record> ALL =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    static Record next(String vault, String name) {
      int n = RECORDS.getAndIncrement();
      byte[] id = new byte[16];
      new java.security.SecureRandom().nextBytes(id);
      Record record = new Record(HexFormat.of().formatHex(id), "CHG%07d".formatted(n), vault, name);
      ALL.add(record);
      return record;
    }

    static Optional<Record> byNumber(String query) {
      synchronized (ALL) {
        return ALL.stream().filter(r -> query.contains("number=" + r.number)).findFirst();
      }
    }

    /** The same record as an incident, numbered with {@code prefix}. */
    Record incident(String prefix) {
      Record incident = new Record(sysId, number.replace("CHG", prefix), vault, name);
      ALL.add(incident);
      return incident;
    }

    byte[] incidentRecord(String type, String openedBy, String request) {
      return """
          {"sys_id": "%s", "table": "incident", "number": "%s", "record_type": "%s",%s
           "request": %s}"""
          .formatted(
              sysId,
              number,
              type,
              openedBy == null ? "" : " \"opened_by\": \"" + openedBy + "\",",
              request)
          .getBytes(StandardCharsets.UTF_8);
    }

    byte[] rotation(String request) {
      return """
          {"sys_id": "%s", "table": "change_request", "number": "%s",
           "record_type": "rotation", "requested_by": "abel-tuter", "request": %s}"""
          .formatted(sysId, number, request)
          .getBytes(StandardCharsets.UTF_8);
    }

    byte[] keyGeneration(String classification, String spec) {
      return """
          {"sys_id": "%s", "table": "change_request", "number": "%s",
           "record_type": "key_generation", "requested_by": "abel-tuter",
           "request": {"vault": "%s", "name": "%s", "classification": "%s",
                       "spec": %s, "justification": "card payments"}}"""
          .formatted(sysId, number, vault, name, classification, spec)
          .getBytes(StandardCharsets.UTF_8);
    }
  }
}
