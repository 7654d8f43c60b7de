package io.keyward.api.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.keyward.activities.integration.GiveUpRecord;
import io.keyward.activities.integration.RecordingHttpServer;
import io.keyward.activities.integration.RecordingHttpServer.Answer;
import io.keyward.activities.integration.RecordingHttpServer.Request;
import io.keyward.activities.slack.SlackNotifications;
import io.keyward.api.RunningKeyward;
import io.keyward.api.RunningKeyward.Reply;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.integration.Secret;
import io.keyward.workflows.notify.SlackActions;
import io.keyward.workflows.notify.SlackSettings;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.ProtectionLevel;
import io.keyward.workflows.webauthn.HeldCredentials;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approve and Deny from Slack over HTTP against the running application: the worker posts the
 * approval announcement to a local stand-in for Slack's Web API, a signed click on its button
 * decides through the same service as the API, and the answer goes to the click's response URL on
 * the same stand-in.
 */
class SlackInteractionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Secret SIGNING_SECRET = Secret.ofText("slack-signing-secret-for-tests-42");

  @TempDir static Path data;

  private static RecordingHttpServer slack;
  private static RunningKeyward keyward;
  private static SlackClicks clicks;

  @BeforeAll
  static void start() throws Exception {
    slack =
        new RecordingHttpServer(
            r ->
                r.uri().getPath().startsWith("/api/")
                    ? new Answer(200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}")
                    : new Answer(200, "ok"));
    Path secretFile = Files.writeString(data.resolve("slack-signing"), SIGNING_SECRET.text());
    SlackSettings posting =
        new SlackSettings(
            Secret.ofText("fake-bot-token-for-keyward-tests"),
            SlackSettings.DEFAULT_CHANNELS,
            URI.create("http://keyward.test"),
            slack.baseUrl() + "/api/",
            3);
    keyward =
        RunningKeyward.start(
            data,
            audit ->
                List.of(SlackNotifications.of(posting, new GiveUpRecord(audit, Clock.systemUTC()))),
            ConfigOverride.config("slack.signingSecretFile", secretFile.toString()),
            ConfigOverride.config("slack.uiBaseUrl", "http://keyward.test"),
            ConfigOverride.config("slack.responseUrlPrefix", slack.baseUrl() + "/actions/"),
            ConfigOverride.config("slack.users.U0OLIVIA", "olivia"),
            ConfigOverride.config("slack.users.U0LENA", "lena"),
            ConfigOverride.config("slack.users.U0ALICE", "alice"),
            ConfigOverride.config("slack.users.U0CAROL", "carol"),
            ConfigOverride.config("slack.users.U0KIM", "kim"));
    clicks = new SlackClicks(keyward, SIGNING_SECRET, slack.baseUrl());
  }

  @AfterAll
  static void stop() {
    keyward.close();
    slack.close();
  }

  @Test
  void announcesTheApprovalWithButtonsAndASignedClickApproves() throws Exception {
    request("kv-slack", "approved", "SECRET", rsa3072());
    JsonNode approve = button(awaitAnnouncement("keygen/kv-slack/approved"), SlackActions.APPROVE);
    assertThat(approve.get("value").asText()).isEqualTo("keygen/kv-slack/approved");

    Reply reply = click("U0OLIVIA", approve, "/actions/1");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode state = keyward.get("olivia", "/api/generations/kv-slack/approved").body();
    assertThat(texts(state.get("approvers"))).containsExactly("olivia");
    assertThat(answerTo("/actions/1").get("text").asText())
        .isEqualTo(
            "You approved kv-slack/approved (1 of 2 approvals); it is now AWAITING_APPROVAL."
                + " http://keyward.test/ui/generations/kv-slack/approved");
    assertThat(answerTo("/actions/1").get("response_type").asText()).isEqualTo("ephemeral");
    assertThat(auditTypes("keygen/kv-slack/approved")).contains("DECISION_APPROVE");
    assertThat(state.at("/timeline/1/detail").asText()).isEqualTo("approved in Slack");
  }

  @Test
  void aDenyClickEndsTheRequest() throws Exception {
    request("kv-slack", "denied", "SECRET", rsa3072());
    JsonNode deny = button(awaitAnnouncement("keygen/kv-slack/denied"), SlackActions.DENY);

    click("U0LENA", deny, "/actions/2");

    JsonNode state = awaitPhase("/api/generations/kv-slack/denied", "DENIED");
    assertThat(state.get("outcomeReason").asText()).isEqualTo("denied by lena");
  }

  @Test
  void aForgedClickIsRefusedAndDecidesNothing() throws Exception {
    request("kv-slack", "forged", "SECRET", rsa3072());
    JsonNode approve = button(awaitAnnouncement("keygen/kv-slack/forged"), SlackActions.APPROVE);
    byte[] body = form("U0OLIVIA", approve, "/actions/3");
    String now = Long.toString(Instant.now().getEpochSecond());

    Reply forged = send(body, now, SlackSignature.sign(Secret.ofText("guessed-secret"), now, body));
    String old = Long.toString(Instant.now().getEpochSecond() - 600);
    Reply replayed = send(body, old, SlackSignature.sign(SIGNING_SECRET, old, body));

    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.body().get("message").asText())
        .isEqualTo("the Slack signature does not match: nothing was decided");
    assertThat(replayed.status()).isEqualTo(401);
    assertThat(
            texts(
                keyward.get("olivia", "/api/generations/kv-slack/forged").body().get("approvers")))
        .isEmpty();
    assertThat(answers("/actions/3")).isEmpty();
  }

  @Test
  void theRequesterCannotApproveFromSlackEither() throws Exception {
    request("kv-slack", "self", "SECRET", rsa3072());
    JsonNode approve = button(awaitAnnouncement("keygen/kv-slack/self"), SlackActions.APPROVE);

    click("U0ALICE", approve, "/actions/4");

    assertThat(answerTo("/actions/4").get("text").asText())
        .isEqualTo(
            "Keyward refused your APPROVE: alice requested this key and cannot decide on it"
                + " (runbook 3.3: two-person integrity)");
    assertThat(
            texts(keyward.get("olivia", "/api/generations/kv-slack/self").body().get("approvers")))
        .isEmpty();
    assertThat(auditTypes("keygen/kv-slack/self")).contains("ATTEMPT_REFUSED");
  }

  @Test
  void ultraDecisionsAreNeverTakenFromSlack() throws Exception {
    request(
        "kv-slack",
        "root-ca",
        "ULTRA",
        "{\"type\": \"EC\", \"curve\": \"P_521\", \"operations\": [\"SIGN\", \"VERIFY\"]}");
    assertThat(buttonsOf(awaitMessage("Approval needed: ULTRA key kv-slack/root-ca")))
        .as("announced with the link only")
        .containsExactly(SlackActions.OPEN);

    click("U0CAROL", handMade(SlackActions.APPROVE, "keygen/kv-slack/root-ca"), "/actions/5");

    assertThat(answerTo("/actions/5").get("text").asText())
        .isEqualTo(
            "ULTRA decisions are never taken from Slack: decide on the request's page"
                + " in the approval UI with your security key,"
                + " http://keyward.test/ui/generations/kv-slack/root-ca");
    assertThat(
            texts(
                keyward.get("carol", "/api/generations/kv-slack/root-ca").body().get("approvers")))
        .isEmpty();
    List<AuditRecord> refused =
        keyward.audit().recordsFor("keygen/kv-slack/root-ca").stream()
            .filter(r -> r.event().type().equals("ATTEMPT_REFUSED"))
            .toList();
    assertThat(refused)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.event().actor()).isEqualTo("carol");
              assertThat(r.event().details()).containsEntry("channel", "slack");
            });
  }

  @Test
  void aSlackUserWithoutKeywardAccountDecidesNothing() throws Exception {
    request("kv-slack", "stranger", "SECRET", rsa3072());
    JsonNode approve = button(awaitAnnouncement("keygen/kv-slack/stranger"), SlackActions.APPROVE);

    click("U0NOBODY", approve, "/actions/6");

    assertThat(answerTo("/actions/6").get("text").asText())
        .startsWith("Your Slack account is not linked to a Keyward user, so nothing was decided.");
    assertThat(
            texts(
                keyward
                    .get("olivia", "/api/generations/kv-slack/stranger")
                    .body()
                    .get("approvers")))
        .isEmpty();
  }

  @Test
  void aResponseUrlOutsideSlackIsNeverCalled() throws Exception {
    request("kv-slack", "elsewhere", "SECRET", rsa3072());
    JsonNode approve = button(awaitAnnouncement("keygen/kv-slack/elsewhere"), SlackActions.APPROVE);

    Reply reply = click("U0OLIVIA", approve, "/elsewhere/7");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(slack.requests()).noneMatch(r -> r.uri().getPath().equals("/elsewhere/7"));
    assertThat(
            texts(
                keyward
                    .get("olivia", "/api/generations/kv-slack/elsewhere")
                    .body()
                    .get("approvers")))
        .containsExactly("olivia");
  }

  @Test
  void aSignedClickApprovesARotationThroughTheRotationService() throws Exception {
    existingKey("rotated", "SECRET");
    String url = awaitingApproval("rotated");
    JsonNode approve = button(awaitAnnouncement("rotation/kv-slack/rotated"), SlackActions.APPROVE);

    click("U0LENA", approve, "/actions/20");

    JsonNode state = awaitPhase(url, "AWAITING_EXECUTION");
    assertThat(state.get("approvals").toString()).contains("lena");
    assertThat(answerTo("/actions/20").get("text").asText())
        .isEqualTo(
            "You approved the rotation of kv-slack/rotated; it is now AWAITING_EXECUTION."
                + " http://keyward.test/ui/rotations/kv-slack/rotated");
  }

  @Test
  void aRotationRefusalFromSlackIsTheRotationsOwn() throws Exception {
    existingKey("rotation-refused", "SECRET");
    String url = awaitingApproval("rotation-refused");
    JsonNode approve =
        button(awaitAnnouncement("rotation/kv-slack/rotation-refused"), SlackActions.APPROVE);

    click("U0ALICE", approve, "/actions/21");

    assertThat(answerTo("/actions/21").get("text").asText())
        .startsWith("Keyward refused your APPROVE: ");
    assertThat(keyward.get("olivia", url).body().get("phase").asText())
        .isEqualTo("AWAITING_APPROVAL");
    assertThat(auditTypes("rotation/kv-slack/rotation-refused")).contains("ATTEMPT_REFUSED");
  }

  @Test
  void anUltraRotationIsNeverDecidedFromSlack() throws Exception {
    existingKey("ultra-rotated", "ULTRA");
    String url = planRotation("ultra-rotated");
    awaitPhase(url, "AWAITING_SECURITY_REVIEW");

    click(
        "U0CAROL",
        handMade(SlackActions.APPROVE, "rotation/kv-slack/ultra-rotated"),
        "/actions/22");

    assertThat(answerTo("/actions/22").get("text").asText())
        .isEqualTo(
            "ULTRA rotation decisions are never taken from Slack: they are signed by your own"
                + " security key; "
                + HeldCredentials.WHERE_TO_DECIDE
                + ", http://keyward.test/ui/rotations/kv-slack/ultra-rotated");
    assertThat(keyward.get("audrey", url).body().get("approvals")).isEmpty();
    assertThat(auditTypes("rotation/kv-slack/ultra-rotated")).contains("ATTEMPT_REFUSED");
  }

  @Test
  void aSignedClickAuthorisesABreakGlassSessionThroughTheBreakGlassService() throws Exception {
    existingKey("bg-secret", "SECRET");
    String url = declareBreakGlass("INC0020001", "bg-secret");
    assertThat(awaitPhase(url, "AWAITING_AUTHORISATION").at("/assessment/level").asText())
        .isEqualTo("L1");
    JsonNode approve = button(awaitAnnouncement("breakglass/INC0020001"), SlackActions.APPROVE);

    click("U0LENA", approve, "/actions/23");

    JsonNode state = keyward.get("audrey", url).body();
    assertThat(state.at("/approvals/0/approver").asText()).isEqualTo("lena");
    assertThat(answerTo("/actions/23").get("text").asText())
        .isEqualTo(
            "You authorised the break-glass session of INC0020001; it is now"
                + " AWAITING_AUTHORISATION. http://keyward.test/ui/break-glass/INC0020001");
  }

  @Test
  void aForgedBreakGlassClickIsRefusedAndAuthorisesNothing() throws Exception {
    existingKey("bg-forged", "SECRET");
    String url = declareBreakGlass("INC0020002", "bg-forged");
    awaitPhase(url, "AWAITING_AUTHORISATION");
    JsonNode approve = button(awaitAnnouncement("breakglass/INC0020002"), SlackActions.APPROVE);
    byte[] body = form("U0LENA", approve, "/actions/24");
    String now = Long.toString(Instant.now().getEpochSecond());

    Reply forged = send(body, now, SlackSignature.sign(Secret.ofText("guessed-secret"), now, body));

    assertThat(forged.status()).isEqualTo(401);
    assertThat(keyward.get("audrey", url).body().get("approvals")).isEmpty();
    assertThat(answers("/actions/24")).isEmpty();
  }

  @Test
  void anUltraScopedBreakGlassIsNeverAuthorisedFromSlack() throws Exception {
    existingKey("bg-ultra", "ULTRA");
    String url = declareBreakGlass("INC0020003", "bg-ultra");
    assertThat(awaitPhase(url, "AWAITING_AUTHORISATION").at("/assessment/level").asText())
        .isEqualTo("L2");
    assertThat(buttonsOf(awaitMessage("Break-glass declared: INC0020003")))
        .containsExactly(SlackActions.OPEN);

    click("U0CAROL", handMade(SlackActions.APPROVE, "breakglass/INC0020003"), "/actions/25");

    assertThat(answerTo("/actions/25").get("text").asText())
        .isEqualTo(
            "Level 2 break-glass authorisations are ULTRA-scoped and never taken from Slack:"
                + " they are signed by your own security key; decide on the request's page in the"
                + " approval UI with your security key, http://keyward.test/ui/break-glass/INC0020003");
    assertThat(keyward.get("audrey", url).body().get("approvals")).isEmpty();
    assertThat(auditTypes("breakglass/INC0020003")).contains("ATTEMPT_REFUSED");
  }

  @Test
  void aSignedClickApprovesALifecycleGateThroughTheLifecycleService() throws Exception {
    existingKey("gated", "SECRET", Duration.ofDays(20));
    String path = "/api/keys/kv-slack/gated/lifecycle";
    assertThat(keyward.post("olivia", path, "{}").status()).isEqualTo(202);
    awaitPhase(path, "AWAITING_ROTATION_APPROVAL");
    JsonNode gate = awaitAnnouncement("lifecycle/kv-slack/gated");
    assertThat(buttonsOf(gate))
        .containsExactly(SlackActions.OPEN, SlackActions.APPROVE, SlackActions.DENY);
    assertThat(button(gate, SlackActions.OPEN).get("url").asText())
        .isEqualTo("http://keyward.test/ui/keys/kv-slack/gated");

    click("U0KIM", button(gate, SlackActions.APPROVE), "/actions/30");
    assertThat(answerTo("/actions/30").get("text").asText())
        .startsWith("Keyward refused your APPROVE: kim holds none of the roles");
    assertThat(keyward.get("olivia", path).body().get("approvals")).isEmpty();
    assertThat(auditTypes("lifecycle/kv-slack/gated")).contains("ATTEMPT_REFUSED");

    click("U0LENA", button(gate, SlackActions.APPROVE), "/actions/31");
    assertThat(answerTo("/actions/31").get("text").asText())
        .startsWith("You approved the automatic rotation of kv-slack/gated; its lifecycle is now ")
        .endsWith(" http://keyward.test/ui/keys/kv-slack/gated");
    JsonNode rotated = awaitPhase(path, "WAITING_TO_NOTIFY");
    assertThat(texts(rotated.get("approvals"))).containsExactly("security team: lena");
  }

  @Test
  void aCompromiseAlertIsAcknowledgedFromSlackByAResponderOnly() throws Exception {
    // alice has no part in the incident: she is answered as the API answers her reading it.
    // CONFIDENTIAL: the P2 the reporter gives is the key's floor, so it stands.
    existingKey("leaked", "CONFIDENTIAL");
    Reply reported =
        keyward.post(
            "sol",
            "/api/compromises",
            """
            {"incident": "INC0020010", "vault": "kv-slack", "name": "leaked", "severity": "P2",
             "summary": "key material seen in a public paste"}""");
    assertThat(reported.status()).as("reported: %s", reported.body()).isEqualTo(202);
    String url = reported.body().get("statusUrl").asText();
    awaitPhase(url, "FOLLOWING_UP");
    JsonNode alert = awaitAnnouncement("compromise/INC0020010");
    assertThat(buttonsOf(alert)).containsExactly(SlackActions.OPEN, SlackActions.ACKNOWLEDGE);

    click("U0ALICE", button(alert, SlackActions.ACKNOWLEDGE), "/actions/32");
    assertThat(answerTo("/actions/32").get("text").asText())
        .isEqualTo(
            "Keyward refused your acknowledgement: incident INC0020010 is visible to security"
                + " responders and its reporter");

    click("U0KIM", button(alert, SlackActions.ACKNOWLEDGE), "/actions/33");
    assertThat(answerTo("/actions/33").get("text").asText())
        .isEqualTo(
            "You acknowledged incident INC0020010; the response is FOLLOWING_UP."
                + " http://keyward.test/ui/incidents/INC0020010");
    JsonNode state = keyward.get("sol", url).body();
    assertThat(state.at("/escalation/acknowledgedBy").asText()).isEqualTo("kim");
    assertThat(state.toString()).contains("acknowledged in Slack");
  }

  @Test
  void aButtonThatDoesNotFitItsRequestDecidesNothing() throws Exception {
    request("kv-slack", "mismatched", "SECRET", rsa3072());
    awaitAnnouncement("keygen/kv-slack/mismatched");

    click(
        "U0LENA", handMade(SlackActions.ACKNOWLEDGE, "keygen/kv-slack/mismatched"), "/actions/34");

    assertThat(answerTo("/actions/34").get("text").asText())
        .isEqualTo(
            "This button does not fit keygen/kv-slack/mismatched: it takes Approve or Deny;"
                + " nothing was decided.");
    assertThat(
            keyward.get("olivia", "/api/generations/kv-slack/mismatched").body().get("approvers"))
        .isEmpty();
  }

  private static void existingKey(String name, String classification) {
    existingKey(name, classification, Duration.ofDays(365));
  }

  /** A key at the provider, registered as its generation would have: a TDE key of alice's. */
  private static void existingKey(String name, String classification, Duration validFor) {
    keyward.registerKey(
        new KeyRef("kv-slack", name),
        Classification.valueOf(classification),
        KeyUsage.DATABASE_TDE,
        "alice");
    Instant now = Instant.now();
    keyward
        .keys()
        .create(
            new CreateKeyCommand(
                new KeyRef("kv-slack", name),
                new KeySpec(
                    KeyType.AES,
                    256,
                    null,
                    Set.of(KeyOperation.ENCRYPT, KeyOperation.DECRYPT),
                    null,
                    null),
                ProtectionLevel.MANAGED_HSM,
                new KeyAttributes(
                    Set.of(KeyOperation.ENCRYPT, KeyOperation.DECRYPT),
                    now,
                    now.plus(validFor),
                    true,
                    Map.of("Classification", classification)),
                "existing/kv-slack/" + name));
  }

  /** Plans a rotation of kv-slack/{@code name} due in a few seconds; answers its status URL. */
  private static String planRotation(String name) {
    String t = Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.SECONDS).toString();
    Reply planned =
        keyward.post(
            "alice",
            "/api/rotations",
            """
            {"vault": "kv-slack", "name": "%s", "rotationDate": "%s",
             "justification": "yearly rotation", "ticket": "CHG0099"}"""
                .formatted(name, t));
    assertThat(planned.status()).as("planned: %s", planned.body()).isEqualTo(202);
    return planned.body().get("statusUrl").asText();
  }

  /** A rotation of kv-slack/{@code name} reviewed and waiting for approval at its date. */
  private static String awaitingApproval(String name) throws InterruptedException {
    String url = planRotation(name);
    awaitPhase(url, "AWAITING_SECURITY_REVIEW");
    assertThat(decide("sam", url, "APPROVE_REVIEW").status()).isEqualTo(200);
    awaitPhase(url, "AWAITING_APPROVAL");
    return url;
  }

  private static Reply decide(String user, String url, String decision) {
    return keyward.post(user, url + "/decisions", "{\"decision\": \"%s\"}".formatted(decision));
  }

  private static String declareBreakGlass(String incident, String name) {
    Reply declared =
        keyward.post(
            "sol",
            "/api/break-glass",
            """
            {"incident": "%s", "keys": ["kv-slack/%s"], "reason": "orders DB cannot decrypt",
             "durationMinutes": 10, "admin": "bruno"}"""
                .formatted(incident, name));
    assertThat(declared.status()).as("declared: %s", declared.body()).isEqualTo(202);
    return declared.body().get("statusUrl").asText();
  }

  private static void request(String vault, String name, String classification, String spec) {
    Reply reply =
        keyward.post(
            "alice",
            "/api/generations",
            """
            {"vault": "%s", "name": "%s", "classification": "%s", "spec": %s,
             "justification": "card payments"}"""
                .formatted(vault, name, classification, spec));
    assertThat(reply.status()).isEqualTo(202);
  }

  private static String rsa3072() {
    return "{\"type\": \"RSA\", \"size\": 3072, \"operations\": [\"SIGN\", \"VERIFY\"]}";
  }

  /** The blocks of the announcement the worker posted to Slack about {@code workflowId}. */
  private static JsonNode awaitAnnouncement(String workflowId) throws Exception {
    for (int i = 0; i < 400; i++) {
      Optional<JsonNode> posted = announcement(workflowId);
      if (posted.isPresent()) {
        return posted.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no Slack message about " + workflowId + " was posted");
  }

  private static Optional<JsonNode> announcement(String workflowId) throws Exception {
    for (Request r : slack.requests()) {
      if (r.uri().getPath().equals("/api/chat.postMessage")) {
        Map<String, String> form = decodeForm(r.body());
        JsonNode blocks = JSON.readTree(form.get("blocks"));
        if (blocks.toString().contains("\"value\":\"" + workflowId + "\"")) {
          assertThat(form).containsEntry("channel", channelFor(workflowId));
          return Optional.of(blocks);
        }
      }
    }
    return Optional.empty();
  }

  private static String channelFor(String workflowId) {
    if (workflowId.startsWith("breakglass/")) {
      return "#break-glass";
    }
    return workflowId.startsWith("compromise/") ? "#security-incidents" : "#key-approvals";
  }

  /** The blocks of the message whose title is {@code title}, buttons or not. */
  private static JsonNode awaitMessage(String title) throws Exception {
    for (int i = 0; i < 400; i++) {
      for (Request r : slack.requests()) {
        if (r.uri().getPath().equals("/api/chat.postMessage")) {
          JsonNode blocks = JSON.readTree(decodeForm(r.body()).get("blocks"));
          if (blocks.at("/0/text/text").asText().startsWith("*" + title + "*")) {
            return blocks;
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no Slack message titled " + title + " was posted");
  }

  private static List<String> buttonsOf(JsonNode blocks) {
    List<String> ids = new ArrayList<>();
    for (JsonNode block : blocks) {
      if ("actions".equals(block.path("type").asText())) {
        block.path("elements").forEach(e -> ids.add(e.path("action_id").asText()));
      }
    }
    return ids;
  }

  /** A button no message offered: what a forged or hand-crafted click would carry. */
  private static JsonNode handMade(String actionId, String value) {
    return JSON.createObjectNode().put("action_id", actionId).put("value", value);
  }

  private static JsonNode button(JsonNode blocks, String actionId) {
    for (JsonNode block : blocks) {
      for (JsonNode element : block.path("elements")) {
        if (actionId.equals(element.path("action_id").asText())) {
          return element;
        }
      }
    }
    throw new AssertionError("no button " + actionId + " in " + blocks);
  }

  private static Reply click(String slackUser, JsonNode button, String responsePath) {
    return clicks.click(
        slackUser, button.get("action_id").asText(), button.get("value").asText(), responsePath);
  }

  /** The form Slack posts when someone clicks {@code button}. */
  private static byte[] form(String slackUser, JsonNode button, String responsePath) {
    return clicks.form(
        slackUser, button.get("action_id").asText(), button.get("value").asText(), responsePath);
  }

  private static Reply send(byte[] body, String timestamp, String signature) {
    return clicks.send(body, timestamp, signature);
  }

  private static List<JsonNode> answers(String path) throws Exception {
    List<JsonNode> found = new ArrayList<>();
    for (Request r : slack.requests()) {
      if (r.uri().getPath().equals(path)) {
        found.add(JSON.readTree(r.body()));
      }
    }
    return found;
  }

  private static JsonNode answerTo(String path) throws Exception {
    List<JsonNode> found = answers(path);
    assertThat(found).as("answers posted to " + path).hasSize(1);
    return found.get(0);
  }

  private static JsonNode awaitPhase(String path, String phase) throws InterruptedException {
    JsonNode state = keyward.get("audrey", path).body();
    for (int i = 0; i < 600 && !phase.equals(state.get("phase").asText()); i++) {
      Thread.sleep(50);
      state = keyward.get("audrey", path).body();
    }
    assertThat(state.get("phase").asText()).isEqualTo(phase);
    return state;
  }

  private static List<String> auditTypes(String subject) {
    return keyward.audit().recordsFor(subject).stream().map(r -> r.event().type()).toList();
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static Map<String, String> decodeForm(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      String[] parts = pair.split("=", 2);
      form.put(
          URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          parts.length < 2 ? "" : URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    return form;
  }
}
