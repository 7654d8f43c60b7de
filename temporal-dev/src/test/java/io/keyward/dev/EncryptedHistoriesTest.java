package io.keyward.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import io.keyward.workflows.breakglass.BreakGlassWorkflowImpl;
import io.keyward.workflows.classification.ClassificationChangeWorkflowImpl;
import io.keyward.workflows.codec.CodecSettings;
import io.keyward.workflows.codec.EncryptingPayloadCodec;
import io.keyward.workflows.compromise.CompromiseResponseWorkflowImpl;
import io.keyward.workflows.generation.KeyGenerationWorkflowImpl;
import io.keyward.workflows.lifecycle.KeyLifecycleWorkflowImpl;
import io.keyward.workflows.rotation.ManualRotationWorkflowImpl;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ceremony type run in dev mode on the real dev server, with distinctive free text in every
 * field a person writes (justifications, reasons, break-glass actions and review findings,
 * compromise summaries and notes): no history Temporal keeps, read over gRPC or exported by {@code
 * temporal workflow show --output json} or in the dev server's SQLite files, holds any of it in
 * clear, nor does a query's answer on the wire; every payload is encrypted but the search
 * attributes and the SDK's own bookkeeping in local-activity markers; the histories replay through
 * the codec; and after the key-encryption key moves to a new key in configuration, the old payloads
 * still decode.
 */
class EncryptedHistoriesTest {
  /** In every free text below, and nowhere else. */
  private static final String MARK = "qz7mark";

  private static final String KEY = "kv-scan/alpha";
  private static final Duration STEP_WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Class<?>[] CEREMONIES = {
    KeyGenerationWorkflowImpl.class,
    ManualRotationWorkflowImpl.class,
    KeyLifecycleWorkflowImpl.class,
    ClassificationChangeWorkflowImpl.class,
    BreakGlassWorkflowImpl.class,
    CompromiseResponseWorkflowImpl.class
  };

  /**
   * What the Java SDK writes into a local activity's marker with its own standard converter, not
   * the client's: the activity's id, type, time and attempt, as every activity event shows them in
   * clear, and into a version marker (the change id and version of a {@code Workflow.getVersion}).
   * The activity's arguments and result in the marker go through the codec.
   */
  private static final Set<String> SDK_BOOKKEEPING =
      Set.of("activityId", "type", "time", "meta", "changeId", "version").stream()
          .map(key -> "marker_recorded_event_attributes.details[" + key + "].payloads")
          .collect(Collectors.toSet());

  @TempDir Path dataDir;

  private DemoUserHttp api;

  @Test
  void noHistoryHoldsFreeTextInClearAndOldPayloadsDecodeAfterTheKeyEncryptionKeyMoves()
      throws Exception {
    Path cli = RequiredTemporalCli.get();
    DevSettings settings = DevServerSettings.onFreePorts(dataDir, cli);
    Map<String, String> workflows = new LinkedHashMap<>();
    Payload oldInput;
    try (LocalKeyward keyward = LocalKeyward.start(settings, Map.of())) {
      api = new DemoUserHttp(keyward.apiUri());
      runEveryCeremony(workflows);

      List<WorkflowExecutionHistory> histories = new ArrayList<>();
      for (Map.Entry<String, String> workflow : workflows.entrySet()) {
        WorkflowExecutionHistory history =
            keyward.temporal().client().fetchHistory(workflow.getKey(), workflow.getValue());
        assertNoFreeTextAndEveryPayloadEncrypted(workflow.getKey(), history);
        assertNoFreeTextInTheCliExport(cli, keyward.temporal().target(), workflow.getKey());
        histories.add(history);
      }
      assertTheQueryAnswerTravelsEncrypted(keyward, "keygen/" + KEY);
      replayThroughTheCodec(histories);
      assertNoFreeTextInTheDatabase(settings.temporalDir());
      oldInput =
          histories
              .get(0)
              .getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getInput()
              .getPayloads(0);
    }

    Map<String, String> rotated =
        Map.of(
            CodecSettings.ENV_KEK,
            "software:keyward/payloads-2027",
            CodecSettings.ENV_RETIRED,
            CodecSettings.DEV_KEY_ENCRYPTION_KEY);
    try (LocalKeyward keyward = LocalKeyward.start(settings, rotated)) {
      DemoUserHttp after = new DemoUserHttp(keyward.apiUri());
      String body = JsonFormat.printer().print(Payloads.newBuilder().addPayloads(oldInput).build());
      DemoUserHttp.Answer decoded = after.post("audrey", "/codec/decode", JSON.readTree(body));
      assertThat(decoded.status()).as(decoded.body().toString()).isEqualTo(200);
      assertThat(dataOf(decoded.body().path("payloads").get(0))).contains(MARK + "-justification");

      // The ceremonies in flight go on under the retired key; what is written now uses the new one.
      DemoUserHttp.Answer cancelled =
          after.post(
              "olivia",
              "/api/rotations/" + KEY + "/cancel",
              Map.of("reason", MARK + " cancelled after the key moved"));
      assertThat(cancelled.status()).as(cancelled.body().toString()).isEqualTo(200);
      awaitPhase(after, "olivia", "/api/rotations/" + KEY, "CANCELLED");
      List<HistoryEvent> events =
          keyward.temporal().client().fetchHistory("rotation/" + KEY).getHistory().getEventsList();
      HistoryEvent update = null;
      for (HistoryEvent event : events) {
        if (event.hasWorkflowExecutionUpdateAcceptedEventAttributes()) {
          update = event;
        }
      }
      assertThat(update).as("the cancel's Update in the rotation's history").isNotNull();
      Payload cancel =
          update
              .getWorkflowExecutionUpdateAcceptedEventAttributes()
              .getAcceptedRequest()
              .getInput()
              .getArgs()
              .getPayloads(0);
      assertThat(cancel.getMetadataOrThrow(EncryptingPayloadCodec.KEK_ID_KEY).toStringUtf8())
          .startsWith("software:keyward/payloads-2027@");
    }
  }

  /** One run of each ceremony type, each driven as far as free text goes; their ids and runs. */
  private void runEveryCeremony(Map<String, String> workflows) throws Exception {
    started(
        workflows,
        post(
            "alice",
            "/api/generations",
            Map.of(
                "vault", "kv-scan",
                "name", "alpha",
                "classification", "RESTRICTED",
                "spec",
                    Map.of("type", "AES", "size", 256, "operations", List.of("ENCRYPT", "DECRYPT")),
                "justification", MARK + "-justification for the scan",
                "ticket", "CHG0099")));
    String generation = "/api/generations/" + KEY;
    awaitPhase(api, "alice", generation, "AWAITING_APPROVAL");
    decided(
        post(
            "olivia",
            generation + "/decisions",
            Map.of("decision", "APPROVE", "reason", MARK + " approval reason")));
    decided(post("kim", generation + "/decisions", Map.of("decision", "GENERATE")));
    awaitPhase(api, "alice", generation, "AWAITING_VERIFICATION");
    decided(post("kai", generation + "/decisions", Map.of("decision", "VERIFY")));
    awaitPhase(api, "alice", generation, "AWAITING_REGISTRATION");
    decided(post("sam", generation + "/decisions", Map.of("decision", "REGISTER")));
    awaitPhase(api, "alice", generation, "REGISTERED");

    String later = LocalDate.now(ZoneOffset.UTC).plusDays(40).toString();
    started(
        workflows,
        post(
            "olivia",
            "/api/rotations",
            Map.of(
                "vault", "kv-scan",
                "name", "alpha",
                "rotationDate", later,
                "justification", MARK + " rotation justification",
                "ticket", "CHG0100")));
    awaitPhase(api, "olivia", "/api/rotations/" + KEY, "SCHEDULED");
    decided(
        post(
            "olivia",
            "/api/rotations/" + KEY + "/reschedule",
            Map.of(
                "rotationDate",
                LocalDate.now(ZoneOffset.UTC).plusDays(41).toString(),
                "reason",
                MARK + " reschedule reason")));

    // Registration enrolled the key in its lifecycle already: the enrolment names that run.
    DemoUserHttp.Answer enrolled =
        post(
            "olivia",
            "/api/keys/" + KEY + "/lifecycle",
            Map.of("usage", "APPLICATION", "classification", "RESTRICTED"));
    assertThat(enrolled.body().path("started").asBoolean())
        .as(enrolled.body().toString())
        .isFalse();
    workflows.put(
        enrolled.body().path("workflowId").asText(), enrolled.body().path("runId").asText());

    started(
        workflows,
        post(
            "alice",
            "/api/keys/" + KEY + "/classification",
            Map.of(
                "classification",
                "CONFIDENTIAL",
                "usage",
                "APPLICATION",
                "justification",
                MARK + " classification justification")));
    awaitPhase(api, "alice", "/api/keys/" + KEY + "/classification", "AWAITING_APPROVAL");
    decided(
        post(
            "olivia",
            "/api/keys/" + KEY + "/classification/decisions",
            Map.of("decision", "DENY", "reason", MARK + " classification denial")));

    started(
        workflows,
        post(
            "sol",
            "/api/break-glass",
            Map.of(
                "incident",
                "INC0099001",
                "keys",
                List.of(KEY),
                "reason",
                MARK + " break-glass reason",
                "durationMinutes",
                15,
                "admin",
                "bruno")));
    String breakGlass = "/api/break-glass/INC0099001";
    awaitPhase(api, "sol", breakGlass, "AWAITING_AUTHORISATION");
    decided(
        post(
            "alice",
            breakGlass + "/authorisations",
            Map.of("decision", "APPROVE", "reason", MARK + " authorisation reason")));
    decided(
        post(
            "lena",
            breakGlass + "/authorisations",
            Map.of("decision", "APPROVE", "reason", MARK + " team lead's reason")));
    awaitPhase(api, "sol", breakGlass, "ACTIVE");
    decided(
        post(
            "bruno",
            breakGlass + "/actions",
            Map.of("key", KEY, "action", "read", "detail", MARK + " break-glass action detail")));
    decided(post("bruno", breakGlass + "/end", Map.of("reason", MARK + " break-glass end reason")));
    awaitPhase(api, "sol", breakGlass, "AWAITING_REVIEW");
    decided(post("carol", breakGlass + "/review", Map.of("findings", MARK + " review findings")));

    started(
        workflows,
        post(
            "sol",
            "/api/compromises",
            Map.of(
                "incident", "INC0099002",
                "vault", "kv-scan",
                "name", "alpha",
                "severity", "P2",
                "summary", MARK + " compromise summary")));
    awaitPhase(api, "sol", "/api/compromises/INC0099002", "FOLLOWING_UP");
    decided(
        post(
            "lena",
            "/api/compromises/INC0099002/acknowledgements",
            Map.of("note", MARK + " acknowledgement note")));
    decided(
        post(
            "sam",
            "/api/compromises/INC0099002/tasks/ROOT_CAUSE_ANALYSIS",
            Map.of("summary", MARK + " root cause summary")));
  }

  private static void assertNoFreeTextAndEveryPayloadEncrypted(
      String workflowId, WorkflowExecutionHistory history) {
    assertThat(contains(history.getHistory().toByteArray(), MARK))
        .as("free text in the history of " + workflowId)
        .isFalse();
    int encrypted = 0;
    for (HistoryEvent event : history.getEvents()) {
      for (HistoryPayloads.Found found : HistoryPayloads.in(event)) {
        if (found.under("search_attributes")) {
          continue; // indexed in clear by design; the scan above finds no free text in them
        }
        if (SDK_BOOKKEEPING.contains(found.path())) {
          continue;
        }
        assertThat(EncryptingPayloadCodec.isEncrypted(found.payload()))
            .as(
                "%s event %d %s is encrypted, but holds %s",
                workflowId, found.eventId(), found.path(), found.payload().getData().toStringUtf8())
            .isTrue();
        encrypted++;
      }
    }
    assertThat(encrypted).as("payloads in the history of " + workflowId).isPositive();
  }

  /** What an operator exports: every payload's data, base64 in the JSON, decoded and scanned. */
  private static void assertNoFreeTextInTheCliExport(Path cli, String target, String workflowId)
      throws Exception {
    Process show =
        new ProcessBuilder(
                cli.toString(),
                "workflow",
                "show",
                "--address",
                target,
                "--namespace",
                "default",
                "--workflow-id",
                workflowId,
                "--output",
                "json")
            .redirectErrorStream(true)
            .start();
    String exported = new String(show.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(show.waitFor()).as(exported).isZero();
    assertThat(exported).doesNotContain(MARK);
    List<String> data = new ArrayList<>();
    JSON.readTree(exported.substring(exported.indexOf('{'))).findValues("data").stream()
        .filter(JsonNode::isTextual)
        .forEach(value -> data.add(value.asText()));
    assertThat(data).as("payload data in the export of " + workflowId).isNotEmpty();
    for (String value : data) {
      assertThat(decodedOrAsIs(value)).doesNotContain(MARK);
    }
  }

  /**
   * A query's answer is not kept in history but crosses the frontend, and Temporal Web shows it.
   */
  private static void assertTheQueryAnswerTravelsEncrypted(
      LocalKeyward keyward, String workflowId) {
    QueryWorkflowResponse answer =
        keyward
            .temporal()
            .client()
            .getWorkflowServiceStubs()
            .blockingStub()
            .queryWorkflow(
                QueryWorkflowRequest.newBuilder()
                    .setNamespace(keyward.temporal().namespace())
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                    .setQuery(WorkflowQuery.newBuilder().setQueryType("state"))
                    .build());
    assertThat(answer.getQueryResult().getPayloadsList()).isNotEmpty();
    for (Payload payload : answer.getQueryResult().getPayloadsList()) {
      assertThat(EncryptingPayloadCodec.isEncrypted(payload))
          .as("the state query's answer")
          .isTrue();
    }
    assertThat(contains(answer.toByteArray(), MARK))
        .as("free text in the query's answer")
        .isFalse();
  }

  private static void assertNoFreeTextInTheDatabase(Path temporalDir) throws Exception {
    try (Stream<Path> files = Files.list(temporalDir)) {
      List<Path> databases =
          files.filter(f -> f.getFileName().toString().startsWith("temporal.db")).toList();
      assertThat(databases).isNotEmpty();
      for (Path file : databases) {
        assertThat(contains(Files.readAllBytes(file), MARK)).as("free text in " + file).isFalse();
      }
    }
  }

  private void replayThroughTheCodec(List<WorkflowExecutionHistory> histories) throws Exception {
    for (WorkflowExecutionHistory history : histories) {
      CodecReplay.replay(history, dataDir, CEREMONIES);
    }
  }

  private DemoUserHttp.Answer post(String user, String path, Object body) throws Exception {
    return api.post(user, path, body);
  }

  private static void started(Map<String, String> workflows, DemoUserHttp.Answer answer) {
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
    workflows.put(answer.body().path("workflowId").asText(), answer.body().path("runId").asText());
  }

  private static void decided(DemoUserHttp.Answer answer) {
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
  }

  private static void awaitPhase(DemoUserHttp api, String user, String path, String phase)
      throws Exception {
    long deadline = System.nanoTime() + STEP_WAIT.toNanos();
    DemoUserHttp.Answer state;
    do {
      state = api.get(user, path);
      if (state.phase().equals(phase)) {
        return;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    fail(path + " did not reach " + phase + "; its state: " + state.body());
  }

  private static String dataOf(JsonNode payload) {
    return new String(
        Base64.getDecoder().decode(payload.path("data").asText()), StandardCharsets.UTF_8);
  }

  private static String decodedOrAsIs(String value) {
    try {
      return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return value;
    }
  }

  private static boolean contains(byte[] haystack, String needle) {
    return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
  }
}
