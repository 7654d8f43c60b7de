package io.keyward.activities.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.activities.integration.GiveUpRecord;
import io.keyward.activities.integration.RecordingHttpServer;
import io.keyward.activities.integration.RecordingHttpServer.Answer;
import io.keyward.activities.stores.EmbeddedAuditStore;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.integration.Secret;
import io.keyward.workflows.notify.NoticeAction;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.Notification.Severity;
import io.keyward.workflows.notify.NotificationActivities;
import io.keyward.workflows.notify.NotificationTopic;
import io.keyward.workflows.notify.SlackActions;
import io.keyward.workflows.notify.SlackSettings;
import io.keyward.workflows.policy.Classification;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Slack notifier against a local stand-in for Slack's Web API. */
class SlackNotificationsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private RecordingHttpServer slack;
  private EmbeddedAuditStore audit;
  private TestActivityEnvironment activities;

  @BeforeEach
  void start() throws Exception {
    slack = new RecordingHttpServer(r -> posted());
    audit = EmbeddedAuditStore.open(dir);
    activities = TestActivityEnvironment.newInstance();
  }

  @AfterEach
  void stop() {
    activities.close();
    slack.close();
    audit.close();
  }

  @Test
  void postsAnApprovalToItsChannelWithALinkAndDecisionButtons() {
    String where = notifier(false).send(approvalWaiting());

    assertThat(where).isEqualTo("slack:#key-approvals");
    RecordingHttpServer.Request call = slack.requests().get(0);
    assertThat(call.uri().getPath()).isEqualTo("/api/chat.postMessage");
    assertThat(call.header("Authorization")).isEqualTo("Bearer fake-bot-token-for-tests");
    Map<String, String> form = form(call.body());
    assertThat(form).containsEntry("channel", "#key-approvals");
    assertThat(form.get("text")).startsWith("Approval needed: SECRET key kv-payments/card-signing");
    JsonNode blocks = blocks(form);
    assertThat(blocks.get(0).at("/text/text").asText())
        .startsWith("*Approval needed: SECRET key kv-payments/card-signing*\nalice requests");
    JsonNode buttons = blocks.get(2).get("elements");
    assertThat(buttons.get(0).get("url").asText())
        .isEqualTo("https://keyward.example.com/ui/generations/kv-payments/card-signing");
    assertThat(buttons.get(1).get("action_id").asText()).isEqualTo(SlackActions.APPROVE);
    assertThat(buttons.get(1).get("value").asText()).isEqualTo("keygen/kv-payments/card-signing");
    assertThat(buttons.get(2).get("action_id").asText()).isEqualTo(SlackActions.DENY);
    assertThat(buttons.get(2).has("confirm")).isTrue();
  }

  @Test
  void postsARotationApprovalWithDecisionButtonsNamingTheRotation() {
    Notification waiting =
        new Notification(
            NotificationTopic.APPROVALS,
            Severity.INFO,
            "rotation/kv-payments/card-tde",
            "Key rotation needs approval: kv-payments/card-tde",
            "approve or deny the rotation due now; roles: [CISO, SECURITY_TEAM_LEAD]",
            "/api/rotations/kv-payments/card-tde",
            NoticeAction.APPROVE_OR_DENY);

    assertThat(notifier(false).send(waiting)).isEqualTo("slack:#key-approvals");

    JsonNode buttons = blocks(form(slack.requests().get(0).body())).get(2).get("elements");
    assertThat(buttons).hasSize(3);
    assertThat(buttons.get(0).get("url").asText())
        .isEqualTo("https://keyward.example.com/ui/rotations/kv-payments/card-tde");
    assertThat(buttons.get(1).get("action_id").asText()).isEqualTo(SlackActions.APPROVE);
    assertThat(buttons.get(1).get("value").asText()).isEqualTo("rotation/kv-payments/card-tde");
    assertThat(buttons.get(2).get("action_id").asText()).isEqualTo(SlackActions.DENY);
    assertThat(buttons.get(2).get("value").asText()).isEqualTo("rotation/kv-payments/card-tde");
  }

  @Test
  void postsABreakGlassAuthorisationRequestWithDecisionButtonsNamingTheSession() {
    Notification declared =
        new Notification(
            NotificationTopic.BREAK_GLASS,
            Severity.CRITICAL,
            "breakglass/INC0010001",
            "Break-glass declared: INC0010001",
            "sol declared emergency access to kv-payments/card-signing for bruno; L1 authorisation"
                + " needed",
            null,
            NoticeAction.APPROVE_OR_DENY);

    assertThat(notifier(false).send(declared)).isEqualTo("slack:#break-glass");

    JsonNode buttons = blocks(form(slack.requests().get(0).body())).get(2).get("elements");
    assertThat(buttons).hasSize(3);
    assertThat(buttons.get(0).get("url").asText())
        .isEqualTo("https://keyward.example.com/ui/break-glass/INC0010001");
    assertThat(buttons.get(1).get("action_id").asText()).isEqualTo(SlackActions.APPROVE);
    assertThat(buttons.get(1).get("value").asText()).isEqualTo("breakglass/INC0010001");
    assertThat(buttons.get(2).get("action_id").asText()).isEqualTo(SlackActions.DENY);
  }

  @Test
  void postsALifecycleApprovalGateWithDecisionButtonsAndTheKeysPage() {
    Notification gate =
        new Notification(
            NotificationTopic.APPROVALS,
            Severity.INFO,
            "lifecycle/kv-secret-prod/payments-tde",
            "Key rotation needs approval: kv-secret-prod/payments-tde",
            "version v1 expires 2027-01-10T00:00:00Z; approve the automatic rotation",
            "/api/keys/kv-secret-prod/payments-tde/lifecycle",
            NoticeAction.APPROVE_OR_DENY);

    notifier(false).send(gate);

    JsonNode buttons = blocks(form(slack.requests().get(0).body())).get(2).get("elements");
    assertThat(buttons).hasSize(3);
    assertThat(buttons.get(0).get("url").asText())
        .isEqualTo("https://keyward.example.com/ui/keys/kv-secret-prod/payments-tde");
    assertThat(buttons.get(1).get("action_id").asText()).isEqualTo(SlackActions.APPROVE);
    assertThat(buttons.get(1).get("value").asText())
        .isEqualTo("lifecycle/kv-secret-prod/payments-tde");
    assertThat(buttons.get(2).get("action_id").asText()).isEqualTo(SlackActions.DENY);
  }

  @Test
  void anUltraApprovalAsksNothingInChatAndGetsTheLinkOnly() {
    Notification ultra =
        new Notification(
            NotificationTopic.APPROVALS,
            Severity.INFO,
            "keygen/kv-ultra-prod/root-ca",
            "Approval needed: ULTRA key kv-ultra-prod/root-ca",
            "alice requests a EC-P521 key. Quorum 3 of 5.",
            null,
            NoticeAction.decisionOn(Classification.ULTRA));

    notifier(false).send(ultra);

    JsonNode buttons = blocks(form(slack.requests().get(0).body())).get(2).get("elements");
    assertThat(buttons).hasSize(1);
    assertThat(buttons.get(0).get("url").asText())
        .isEqualTo("https://keyward.example.com/ui/generations/kv-ultra-prod/root-ca");
  }

  @Test
  void anAnswerTheSubjectDoesNotTakeGetsNoButton() {
    notifier(false).send(approvalWaiting().asking(NoticeAction.ACKNOWLEDGE));

    JsonNode buttons = blocks(form(slack.requests().get(0).body())).get(2).get("elements");
    assertThat(buttons).hasSize(1);
    assertThat(buttons.get(0).get("action_id").asText()).isEqualTo(SlackActions.OPEN);
  }

  @Test
  void aBreakGlassReviewReminderOffersNoApproveOrDeny() {
    Notification review =
        new Notification(
            NotificationTopic.APPROVALS,
            Severity.WARNING,
            "breakglass/INC0010001",
            "Post-incident review due: INC0010001",
            "review the break-glass session",
            null);

    notifier(false).send(review);

    JsonNode buttons = blocks(form(slack.requests().get(0).body())).get(2).get("elements");
    assertThat(buttons).hasSize(1);
    assertThat(buttons.get(0).get("action_id").asText()).isEqualTo(SlackActions.OPEN);
  }

  @Test
  void grantsRevocationsAndRotationRemindersOfferNoApproveOrDeny() {
    List<Notification> notices =
        List.of(
            new Notification(
                NotificationTopic.BREAK_GLASS,
                Severity.CRITICAL,
                "breakglass/INC0010001",
                "Break-glass access granted: INC0010001",
                "bruno holds emergency access",
                null),
            new Notification(
                NotificationTopic.APPROVALS,
                Severity.WARNING,
                "rotation/kv-payments/card-tde",
                "Monitoring review due: kv-payments/card-tde",
                "confirm monitoring after the rotation",
                null));

    notices.forEach(notifier(false)::send);

    for (int i = 0; i < notices.size(); i++) {
      JsonNode buttons = blocks(form(slack.requests().get(i).body())).get(2).get("elements");
      assertThat(buttons).as(notices.get(i).title()).hasSize(1);
      assertThat(buttons.get(0).get("action_id").asText()).isEqualTo(SlackActions.OPEN);
    }
  }

  @Test
  void aCompromiseAlertAskingForAnAcknowledgementHasTheAcknowledgeButton() {
    Notification alert =
        new Notification(
            NotificationTopic.SECURITY_INCIDENTS,
            Severity.CRITICAL,
            "compromise/INC0010001",
            "KEY COMPROMISE: kv-payments/card-signing disabled",
            "Incident INC0010001 (P1)",
            null,
            NoticeAction.ACKNOWLEDGE);

    notifier(false).send(alert);

    JsonNode buttons = blocks(form(slack.requests().get(0).body())).get(2).get("elements");
    assertThat(buttons).hasSize(2);
    assertThat(buttons.get(1).get("action_id").asText()).isEqualTo(SlackActions.ACKNOWLEDGE);
    assertThat(buttons.get(1).get("value").asText()).isEqualTo("compromise/INC0010001");
    assertThat(buttons.get(1).get("text").get("text").asText()).isEqualTo("Acknowledge");
  }

  @Test
  void postsACompromiseAlertToSecurityIncidentsWithoutDecisionButtons() {
    Notification alert =
        new Notification(
            NotificationTopic.SECURITY_INCIDENTS,
            Severity.CRITICAL,
            "compromise/INC0010001",
            "KEY COMPROMISE: kv-payments/card-signing disabled",
            "Incident INC0010001",
            "/ui/incidents/INC0010001");

    assertThat(notifier(false).send(alert)).isEqualTo("slack:#security-incidents");

    Map<String, String> form = form(slack.requests().get(0).body());
    assertThat(form).containsEntry("channel", "#security-incidents");
    JsonNode blocks = blocks(form);
    assertThat(blocks.get(1).at("/elements/0/text").asText())
        .startsWith(":rotating_light: CRITICAL");
    JsonNode buttons = blocks.get(2).get("elements");
    assertThat(buttons).hasSize(1);
    assertThat(buttons.get(0).get("url").asText())
        .isEqualTo("https://keyward.example.com/ui/incidents/INC0010001");
  }

  @Test
  void escapesTextSoItCannotMentionOrLink() {
    Notification sneaky =
        new Notification(
            NotificationTopic.ROTATIONS,
            Severity.INFO,
            "rotation/kv-a/b",
            "Rotation <!channel> & co",
            "<https://evil.example|click>",
            null);

    notifier(false).send(sneaky);

    String text = blocks(form(slack.requests().get(0).body())).get(0).at("/text/text").asText();
    assertThat(text)
        .isEqualTo("*Rotation &lt;!channel&gt; &amp; co*\n&lt;https://evil.example|click&gt;");
  }

  @Test
  void anUnreachableSlackFailsTheAttemptSoTemporalRetriesIt() {
    slack.answerWith(r -> new Answer(503, "{}"));

    assertThatThrownBy(() -> stub(notifier(false)).send(approvalWaiting()))
        .isInstanceOf(ActivityFailure.class)
        .hasRootCauseInstanceOf(ApplicationFailure.class)
        .rootCause()
        .hasMessageContaining("Slack answered HTTP 503 for #key-approvals");
    assertThat(audit.recordsFor("keygen/kv-payments/card-signing")).isEmpty();
  }

  @Test
  void theLastAttemptGivesUpWithAnAuditRecordInsteadOfFailing() {
    slack.answerWith(r -> new Answer(503, "{}"));

    String where = stub(notifier(true)).send(approvalWaiting());

    assertThat(where).isEqualTo("given-up");
    List<AuditRecord> records = audit.recordsFor("keygen/kv-payments/card-signing");
    assertThat(records)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.event().type()).isEqualTo(SlackNotifications.GIVEN_UP);
              assertThat(record.event().details())
                  .containsEntry("channel", "#key-approvals")
                  .containsEntry("topic", "APPROVALS")
                  .containsEntry("reason", "Slack answered HTTP 503 for #key-approvals");
              assertThat(record.event().details().toString())
                  .doesNotContain("fake-bot-token-for-tests");
            });
  }

  @Test
  void aChannelThatDoesNotExistIsGivenUpAtOnce() {
    slack.answerWith(r -> new Answer(200, "{\"ok\":false,\"error\":\"channel_not_found\"}"));

    String where = stub(notifier(false)).send(approvalWaiting());

    assertThat(where).isEqualTo("given-up");
    assertThat(slack.requests()).hasSize(1);
    assertThat(audit.recordsFor("keygen/kv-payments/card-signing"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.event().details())
                    .containsEntry(
                        "reason",
                        "Slack refused the message to #key-approvals: channel_not_found"));
  }

  static Notification approvalWaiting() {
    return new Notification(
        NotificationTopic.APPROVALS,
        Severity.INFO,
        "keygen/kv-payments/card-signing",
        "Approval needed: SECRET key kv-payments/card-signing",
        "alice requests a RSA-3072 key (CHG0012345). Quorum 2 of 3.",
        null,
        NoticeAction.APPROVE_OR_DENY);
  }

  static Answer posted() {
    return new Answer(200, "{\"ok\":true,\"channel\":\"C0123\",\"ts\":\"1700000000.000100\"}");
  }

  static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      String[] parts = pair.split("=", 2);
      form.put(
          URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          parts.length < 2 ? "" : URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    return form;
  }

  static JsonNode blocks(Map<String, String> form) {
    try {
      return JSON.readTree(form.get("blocks"));
    } catch (Exception e) {
      throw new AssertionError("blocks are not JSON: " + form.get("blocks"), e);
    }
  }

  static SlackSettings settings(String slackUrl) {
    return new SlackSettings(
        Secret.ofText("fake-bot-token-for-tests"),
        SlackSettings.DEFAULT_CHANNELS,
        URI.create("https://keyward.example.com"),
        slackUrl + "/api/",
        5);
  }

  private SlackNotifications notifier(boolean lastAttempt) {
    SlackSettings settings = settings(slack.baseUrl());
    return new SlackNotifications(
        SlackNotifications.client(settings.methodsUrl()).methods(settings.botToken().text()),
        settings,
        new GiveUpRecord(audit, Clock.systemUTC()),
        () -> lastAttempt);
  }

  private NotificationActivities stub(SlackNotifications notifier) {
    activities.registerActivitiesImplementations(notifier);
    return activities.newActivityStub(
        NotificationActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }
}
