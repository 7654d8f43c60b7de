package io.keyward.api.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.keyward.activities.integration.GiveUpRecord;
import io.keyward.activities.integration.RecordingHttpServer;
import io.keyward.activities.integration.RecordingHttpServer.Answer;
import io.keyward.activities.integration.RecordingHttpServer.Request;
import io.keyward.activities.servicenow.ServiceNowTickets;
import io.keyward.api.RunningKeyward;
import io.keyward.api.RunningKeyward.Reply;
import io.keyward.api.refusal.Refusals;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.generation.GenerationRequest;
import io.keyward.workflows.generation.KeyGenerationWorkflow;
import io.keyward.workflows.integration.Secret;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.servicenow.ServiceNowSettings;
import io.keyward.workflows.servicenow.TicketActivities;
import io.keyward.workflows.servicenow.TicketStateValues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyward writes only to tickets it was given: a ticket ServiceNow delivered through the signed
 * webhook, or one the Table API shows the requester requested. Over HTTP against the running
 * application, with both the API's check and the worker's write-back pointed at a local stand-in
 * for ServiceNow's Table API.
 */
class TicketOwnershipTest {
  private static final Secret SECRET = Secret.ofText("snow-webhook-secret-for-tests-0123456789");

  /** A change requested in ServiceNow by olivia, not by alice. */
  private static final Change OLIVIAS = new Change("CHG8000001", "olivia-snow");

  /** A change alice requested in ServiceNow herself. */
  private static final Change ALICES = new Change("CHG8000002", "abel-tuter");

  /** A change ServiceNow delivers through the webhook. */
  private static final Change DELIVERED = new Change("CHG8000003", "abel-tuter");

  private static final List<Change> CHANGES = List.of(OLIVIAS, ALICES, DELIVERED);

  @TempDir static Path data;

  private static RecordingHttpServer serviceNow;
  private static RunningKeyward keyward;

  @BeforeAll
  static void start() throws Exception {
    serviceNow = new RecordingHttpServer(TicketOwnershipTest::tableApi);
    Path secretFile = Files.writeString(data.resolve("snow-secret"), SECRET.text());
    Path passwordFile = Files.writeString(data.resolve("snow-password"), "snow-integration-pw");
    ServiceNowSettings writeBack =
        new ServiceNowSettings(
            URI.create(serviceNow.baseUrl()),
            "keyward.integration",
            Secret.ofText("snow-integration-pw"),
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
            ConfigOverride.config("servicenow.baseUrl", serviceNow.baseUrl()),
            ConfigOverride.config("servicenow.user", "keyward.integration"),
            ConfigOverride.config("servicenow.passwordFile", passwordFile.toString()),
            ConfigOverride.config("servicenow.users.abel-tuter", "alice"),
            ConfigOverride.config("servicenow.users.olivia-snow", "olivia"));
  }

  @AfterAll
  static void stop() {
    keyward.close();
    serviceNow.close();
  }

  @Test
  void aGenerationNamingSomeoneElsesChangeIsRefusedAndNothingIsWritten() throws Exception {
    Reply reply =
        keyward.post("alice", "/api/generations", generation("kv-own", "others", OLIVIAS.number));

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.body().get("message").asText())
        .isEqualTo(
            "ticket CHG8000001 was not requested in ServiceNow by alice: Keyward writes only to"
                + " tickets ServiceNow sent it or that you requested yourself; nothing was"
                + " started");
    assertThat(keyward.describe("keygen/kv-own/others")).isEmpty();
    Thread.sleep(300);
    assertThat(requestsFor(OLIVIAS)).extracting(Request::method).containsOnly("GET");
    assertThat(keyward.audit().recordsFor("keygen/kv-own/others"))
        .singleElement()
        .satisfies(r -> assertThat(r.event().type()).isEqualTo(Refusals.REFUSED));
  }

  @Test
  void aRotationNamingSomeoneElsesChangeIsRefusedAndNothingIsWritten() throws Exception {
    Reply reply =
        keyward.post(
            "alice",
            "/api/rotations",
            """
            {"vault": "kv-own", "name": "rotated",
             "rotationDate": "%s", "justification": "annual", "ticket": "%s"}"""
                .formatted(
                    Instant.now().plus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS),
                    OLIVIAS.number));

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.body().get("message").asText()).startsWith("ticket CHG8000001 was not");
    assertThat(keyward.describe("rotation/kv-own/rotated")).isEmpty();
    Thread.sleep(300);
    assertThat(requestsFor(OLIVIAS)).extracting(Request::method).containsOnly("GET");
  }

  @Test
  void aTicketServiceNowDoesNotKnowIsRefusedWith422() {
    Reply reply =
        keyward.post("alice", "/api/generations", generation("kv-own", "typo", "CHG0404404"));

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.body().get("message").asText())
        .startsWith("ServiceNow has no record numbered CHG0404404");
    assertThat(keyward.describe("keygen/kv-own/typo")).isEmpty();
  }

  @Test
  void aChangeTheRequesterRequestedIsWrittenTo() throws Exception {
    Reply reply =
        keyward.post("alice", "/api/generations", generation("kv-own", "mine", ALICES.number));

    assertThat(reply.status()).isEqualTo(202);
    List<Request> patches = awaitPatches(ALICES, 1);
    assertThat(patches).isNotEmpty();
    assertThat(patches.get(0).uri().getPath())
        .isEqualTo("/api/now/table/change_request/" + ALICES.sysId());
    assertThat(patches.get(0).body()).contains("[Keyward keygen/kv-own/mine #1]");
  }

  @Test
  void aChangeReceivedThroughTheWebhookIsWrittenTo() throws Exception {
    byte[] body =
        """
        {"sys_id": "%s", "table": "change_request", "number": "%s",
         "record_type": "key_generation", "requested_by": "abel-tuter",
         "request": {"vault": "kv-own", "name": "delivered", "classification": "SECRET",
                     "spec": {"type": "RSA", "size": 3072, "operations": ["SIGN", "VERIFY"]},
                     "justification": "card payments"}}"""
            .formatted(DELIVERED.sysId(), DELIVERED.number)
            .getBytes(StandardCharsets.UTF_8);
    String timestamp = Long.toString(Instant.now().getEpochSecond());

    Reply reply =
        keyward.deliver(
            "/webhooks/servicenow",
            Map.of(
                "Content-Type",
                "application/json",
                ServiceNowSignature.TIMESTAMP_HEADER,
                timestamp,
                ServiceNowSignature.SIGNATURE_HEADER,
                ServiceNowSignature.sign(SECRET, timestamp, body)),
            body);

    assertThat(reply.status()).isEqualTo(202);
    List<Request> patches = awaitPatches(DELIVERED, 2);
    assertThat(patches)
        .extracting(p -> p.uri().getPath())
        .containsOnly("/api/now/table/change_request/" + DELIVERED.sysId());
    assertThat(requestsFor(DELIVERED)).extracting(Request::method).containsOnly("PATCH");
  }

  @Test
  void aCeremonyStartedPastTheApiWritesNothingToItsTicketAndRecordsTheRefusal() throws Exception {
    WorkflowClient client = keyward.client();
    KeyGenerationWorkflow workflow =
        client.newWorkflowStub(
            KeyGenerationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("keygen/kv-own/bypass")
                .setTaskQueue(TaskQueues.CEREMONIES)
                .build());
    WorkflowClient.start(
        workflow::run,
        new GenerationRequest(
            new KeyRef("kv-own", "bypass"),
            new KeySpec(
                KeyType.RSA,
                3072,
                null,
                Set.of(KeyOperation.SIGN, KeyOperation.VERIFY),
                null,
                null),
            Classification.SECRET,
            "card payments",
            new Actor("alice", Set.of(Role.APPLICATION_OWNER)),
            OLIVIAS.number,
            null));

    String subject = "keygen/kv-own/bypass";
    for (int i = 0; i < 200 && refusedWrites(subject).isEmpty(); i++) {
      Thread.sleep(50);
    }

    assertThat(refusedWrites(subject))
        .first()
        .satisfies(
            r -> {
              assertThat(r.event().details()).containsEntry("ticket", OLIVIAS.number);
              assertThat(r.event().details().get("reason"))
                  .contains("Keyward writes only to tickets it was given");
            });
    assertThat(requestsFor(OLIVIAS)).extracting(Request::method).doesNotContain("PATCH");
  }

  private static List<io.keyward.workflows.audit.AuditRecord> refusedWrites(String subject) {
    return keyward.audit().recordsFor(subject).stream()
        .filter(r -> r.event().type().equals(TicketActivities.WRITE_REFUSED))
        .toList();
  }

  private static String generation(String vault, String name, String ticket) {
    return """
        {"vault": "%s", "name": "%s", "classification": "SECRET",
         "spec": {"type": "RSA", "size": 3072, "operations": ["SIGN", "VERIFY"]},
         "justification": "card payments", "ticket": "%s"}"""
        .formatted(vault, name, ticket);
  }

  private static List<Request> awaitPatches(Change change, int count) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      List<Request> patches = patches(change);
      if (patches.size() >= count) {
        return patches;
      }
      Thread.sleep(50);
    }
    return patches(change);
  }

  private static List<Request> patches(Change change) {
    return requestsFor(change).stream().filter(r -> r.method().equals("PATCH")).toList();
  }

  /** Every request the stand-in received about the change: by its number or its sys_id. */
  private static List<Request> requestsFor(Change change) {
    return serviceNow.requests().stream()
        .filter(
            r -> {
              String uri = URLDecoder.decode(r.uri().toString(), StandardCharsets.UTF_8);
              return uri.contains(change.sysId()) || uri.contains("number=" + change.number);
            })
        .toList();
  }

  /** The Table API stand-in: the changes above, each requested by its own person. */
  private static Answer tableApi(Request request) {
    String uri = URLDecoder.decode(request.uri().toString(), StandardCharsets.UTF_8);
    if (!request.method().equals("GET")) {
      return new Answer(200, "{\"result\":{}}");
    }
    for (Change change : CHANGES) {
      if (uri.contains("number=" + change.number)) {
        return new Answer(
            200,
            "{\"result\":[{\"sys_id\":\""
                + change.sysId()
                + "\",\"sys_class_name\":\"change_request\"}]}");
      }
      if (uri.contains("/change_request/" + change.sysId())) {
        return new Answer(
            200,
            "{\"result\":{\"sys_id\":\""
                + change.sysId()
                + "\",\"requested_by.user_name\":\""
                + change.requestedBy
                + "\",\"opened_by.user_name\":\"itil.agent\"}}");
      }
    }
    return new Answer(200, "{\"result\":[]}");
  }

  /** A change request in the stand-in; its sys_id is derived from its number. */
  private record Change(String number, String requestedBy) {
    String sysId() {
      return "%032x".formatted(Long.parseLong(number.substring(3)));
    }
  }
}
