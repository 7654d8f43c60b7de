package io.keyward.activities.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.activities.integration.GiveUpRecord;
import io.keyward.activities.integration.RecordingHttpServer;
import io.keyward.activities.integration.RecordingHttpServer.Answer;
import io.keyward.activities.integration.RecordingHttpServer.Request;
import io.keyward.activities.stores.EmbeddedAuditStore;
import io.keyward.workflows.integration.Secret;
import io.keyward.workflows.servicenow.ServiceNowRecord;
import io.keyward.workflows.servicenow.ServiceNowSettings;
import io.keyward.workflows.servicenow.TicketActivities;
import io.keyward.workflows.servicenow.TicketBinding;
import io.keyward.workflows.servicenow.TicketState;
import io.keyward.workflows.servicenow.TicketStateValues;
import io.keyward.workflows.servicenow.TicketUpdate;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write-back to a local stand-in for ServiceNow's Table API. */
class ServiceNowTicketsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SYS_ID = "9d385017c611228701d22104cc95c371";
  private static final TicketBinding BOUND =
      TicketBinding.received(new ServiceNowRecord("change_request", SYS_ID, "CHG0012345"));
  private static final TicketUpdate APPROVED =
      new TicketUpdate(
          "CHG0012345",
          "keygen/kv-payments/card-signing",
          2,
          TicketState.IN_PROGRESS,
          "Approved by olivia, lena.",
          BOUND);

  @TempDir Path dir;

  private RecordingHttpServer serviceNow;
  private EmbeddedAuditStore audit;
  private TestActivityEnvironment activities;

  @BeforeEach
  void start() throws Exception {
    serviceNow = new RecordingHttpServer(ServiceNowTicketsTest::changeRequest);
    audit = EmbeddedAuditStore.open(dir);
    activities = TestActivityEnvironment.newInstance();
  }

  @AfterEach
  void stop() {
    activities.close();
    serviceNow.close();
    audit.close();
  }

  @Test
  void patchesAWorkNoteAndTheStateOfTheBoundRecordWithoutLookingUpItsNumber() throws Exception {
    String where = tickets(false).writeBack(APPROVED);

    assertThat(where).isEqualTo("servicenow:change_request/" + SYS_ID);
    assertThat(serviceNow.requests()).hasSize(1);
    Request patch = serviceNow.requests().get(0);
    assertThat(patch.method()).isEqualTo("PATCH");
    assertThat(patch.uri().getPath()).isEqualTo("/api/now/table/change_request/" + SYS_ID);
    assertThat(patch.header("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        "keyward.integration:snow-pass".getBytes(StandardCharsets.UTF_8)));
    JsonNode fields = JSON.readTree(patch.body());
    assertThat(fields.get("work_notes").asText())
        .isEqualTo(
            "[Keyward keygen/kv-payments/card-signing #2] Approved by olivia, lena.\n"
                + "Follow it in Keyward:"
                + " https://keyward.example.com/ui/generations/kv-payments/card-signing");
    assertThat(fields.get("state").asText()).isEqualTo("-1");
  }

  @Test
  void aTicketNotBoundToTheCeremonyIsNeverWrittenAndTheRefusalIsAudited() {
    TicketUpdate unbound =
        new TicketUpdate("CHG0012345", APPROVED.subject(), 1, TicketState.IN_PROGRESS, "Waits.");
    TicketUpdate boundToAnother =
        new TicketUpdate(
            "CHG0099999", APPROVED.subject(), 2, TicketState.STOPPED, "Denied.", BOUND);

    TicketActivities tickets = stub(tickets(false));
    assertThat(tickets.writeBack(unbound)).isEqualTo("refused");
    assertThat(tickets.writeBack(boundToAnother)).isEqualTo("refused");

    assertThat(serviceNow.requests()).isEmpty();
    assertThat(audit.recordsFor(APPROVED.subject()))
        .extracting(r -> r.event().type(), r -> r.event().details().get("ticket"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(TicketActivities.WRITE_REFUSED, "CHG0012345"),
            org.assertj.core.groups.Tuple.tuple(TicketActivities.WRITE_REFUSED, "CHG0099999"));
  }

  @Test
  void withoutATicketSystemAnUnboundTicketIsALabelAndNothingIsWritten() {
    TicketUpdate unbound =
        new TicketUpdate("CHG0012345", APPROVED.subject(), 1, TicketState.IN_PROGRESS, "Waits.");

    assertThat(new UnconfiguredTickets().writeBack(unbound)).isEqualTo("label-only");
    assertThat(new UnconfiguredTickets().writeBack(APPROVED)).isEqualTo("not-configured");
  }

  @Test
  void readsWhoRequestedAndOpenedARecordForTheApisCheck() {
    serviceNow.answerWith(
        r ->
            r.uri().getPath().equals("/api/now/table/task")
                ? new Answer(200, found("change_request"))
                : new Answer(
                    200,
                    "{\"result\":{\"sys_id\":\""
                        + SYS_ID
                        + "\",\"requested_by.user_name\":\"abel.tuter\","
                        + "\"opened_by.user_name\":\"sol.secops\"}}"));

    var record =
        new ServiceNowTicketRecords(
                new ServiceNowTableClient(
                    URI.create(serviceNow.baseUrl()),
                    "keyward.integration",
                    Secret.ofText("snow-pass")))
            .findByNumber("CHG0012345")
            .orElseThrow();

    assertThat(record.record()).isEqualTo(BOUND.record());
    assertThat(record.requestedBy()).isEqualTo("abel.tuter");
    assertThat(record.openedBy()).isEqualTo("sol.secops");
    assertThat(serviceNow.requests()).extracting(Request::method).containsOnly("GET");
    Request find = serviceNow.requests().get(0);
    assertThat(URLDecoder.decode(find.uri().getRawQuery(), StandardCharsets.UTF_8))
        .contains("sysparm_query=number=CHG0012345");
    assertThat(serviceNow.requests().get(1).uri().getPath())
        .isEqualTo("/api/now/table/change_request/" + SYS_ID);
  }

  @Test
  void aTableWithoutStateValuesGetsTheWorkNoteOnly() throws Exception {
    TicketUpdate toItsOwnTable =
        new TicketUpdate(
            "CHG0012345",
            APPROVED.subject(),
            2,
            TicketState.IN_PROGRESS,
            "Approved.",
            TicketBinding.received(new ServiceNowRecord("u_key_request", SYS_ID, "CHG0012345")));

    tickets(false).writeBack(toItsOwnTable);

    JsonNode fields = JSON.readTree(serviceNow.requests().get(0).body());
    assertThat(fields.has("work_notes")).isTrue();
    assertThat(fields.has("state")).isFalse();
  }

  @Test
  void anUnreachableInstanceFailsTheAttemptSoTemporalRetriesIt() {
    serviceNow.answerWith(
        r -> new Answer(503, "{\"error\":{\"message\":\"Instance hibernating\"}}"));

    assertThatThrownBy(() -> stub(tickets(false)).writeBack(APPROVED))
        .isInstanceOf(ActivityFailure.class)
        .rootCause()
        .hasMessageContaining(
            "ServiceNow refused updating change_request/"
                + SYS_ID
                + ": HTTP 503 (Instance hibernating)");
    assertThat(audit.recordsFor(APPROVED.subject())).isEmpty();
  }

  @Test
  void theLastAttemptGivesUpWithAnAuditRecord() {
    serviceNow.answerWith(r -> new Answer(503, "{}"));

    assertThat(stub(tickets(true)).writeBack(APPROVED)).isEqualTo("given-up");

    assertThat(audit.recordsFor(APPROVED.subject()))
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.event().type()).isEqualTo(TicketActivities.WRITE_BACK_GIVEN_UP);
              assertThat(record.event().details())
                  .containsEntry("ticket", "CHG0012345")
                  .containsEntry("sequence", "2")
                  .containsEntry(
                      "reason",
                      "ServiceNow refused updating change_request/" + SYS_ID + ": HTTP 503");
            });
  }

  @Test
  void refusedCredentialsAreGivenUpAtOnce() {
    serviceNow.answerWith(
        r ->
            r.method().equals("GET")
                ? new Answer(200, found("change_request"))
                : new Answer(401, "{\"error\":{\"message\":\"User Not Authenticated\"}}"));

    assertThat(stub(tickets(false)).writeBack(APPROVED)).isEqualTo("given-up");

    assertThat(audit.recordsFor(APPROVED.subject()))
        .extracting(r -> r.event().details().get("reason"))
        .containsExactly(
            "ServiceNow refused updating change_request/"
                + SYS_ID
                + ": HTTP 401 (User Not Authenticated)");
  }

  @Test
  void stateValuesCanBeOverriddenPerTable() {
    TicketStateValues values = TicketStateValues.parse("change_request.DONE=3, incident.DONE=6");

    assertThat(values.valueFor("change_request", TicketState.DONE)).contains("3");
    assertThat(values.valueFor("change_request", TicketState.IN_PROGRESS)).contains("-1");
    assertThat(values.valueFor("incident", TicketState.DONE)).contains("6");
    assertThatThrownBy(() -> TicketStateValues.parse("incident.CLOSED=7"))
        .hasMessage(
            "ticket state override 'incident.CLOSED=7': CLOSED is not one of IN_PROGRESS, DONE,"
                + " STOPPED");
  }

  private static Answer changeRequest(Request request) {
    return request.method().equals("GET")
        ? new Answer(200, found("change_request"))
        : new Answer(200, "{\"result\":{\"sys_id\":\"" + SYS_ID + "\"}}");
  }

  private static String found(String table) {
    return "{\"result\":[{\"sys_id\":\"" + SYS_ID + "\",\"sys_class_name\":\"" + table + "\"}]}";
  }

  private ServiceNowTickets tickets(boolean lastAttempt) {
    ServiceNowSettings settings =
        new ServiceNowSettings(
            URI.create(serviceNow.baseUrl()),
            "keyward.integration",
            Secret.ofText("snow-pass"),
            URI.create("https://keyward.example.com"),
            TicketStateValues.defaults(),
            12);
    return new ServiceNowTickets(
        new ServiceNowTableClient(settings.baseUrl(), settings.user(), settings.password()),
        settings,
        new GiveUpRecord(audit, Clock.systemUTC()),
        () -> lastAttempt);
  }

  private TicketActivities stub(ServiceNowTickets tickets) {
    activities.registerActivitiesImplementations(tickets);
    return activities.newActivityStub(
        TicketActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }
}
