package io.keyward.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.keyward.activities.integration.RecordingHttpServer;
import io.keyward.activities.integration.RecordingHttpServer.Answer;
import io.keyward.api.RunningKeyward;
import io.keyward.api.RunningKeyward.Reply;
import io.keyward.api.refusal.Refusals;
import io.keyward.api.slack.SlackClicks;
import io.keyward.ui.testing.PageClient;
import io.keyward.ui.testing.PageClient.Page;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.integration.Secret;
import io.keyward.workflows.notify.SlackActions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same person doing the same thing through the API, the web pages and Slack is refused the same
 * way: the same words, one {@value Refusals#REFUSED} record per attempt, and nothing decided.
 * Someone with no part in a request can neither read it nor act on it on any surface, and what they
 * are told is the same 403 everywhere, never where the request stands.
 */
class SurfacesRefuseAlikeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Secret SIGNING_SECRET = Secret.ofText("slack-signing-secret-for-surfaces");
  private static final String SELF_APPROVAL =
      "alice requested this key and cannot decide on it (runbook 3.3: two-person integrity)";

  @TempDir static Path data;

  private static RecordingHttpServer slack;
  private static RunningKeyward keyward;
  private static SlackClicks clicks;

  @BeforeAll
  static void start() throws Exception {
    slack = new RecordingHttpServer(request -> new Answer(200, "ok"));
    Path secretFile = Files.writeString(data.resolve("slack-signing"), SIGNING_SECRET.text());
    keyward =
        RunningKeyward.start(
            data.resolve("keyward"),
            ConfigOverride.config("ceremony.refusalLimit", "1000"),
            ConfigOverride.config("slack.signingSecretFile", secretFile.toString()),
            ConfigOverride.config("slack.uiBaseUrl", "http://keyward.test"),
            ConfigOverride.config("slack.responseUrlPrefix", slack.baseUrl() + "/actions/"),
            ConfigOverride.config("slack.users.U0ALICE", "alice"),
            ConfigOverride.config("slack.users.U0BOB", "bob"));
    clicks = new SlackClicks(keyward, SIGNING_SECRET, slack.baseUrl());
  }

  @AfterAll
  static void stop() {
    keyward.close();
    slack.close();
  }

  @Test
  void refusesASelfApprovalInTheSameWordsOnEverySurfaceAndRecordsEachAttemptOnce()
      throws Exception {
    String page = keyward.requestKey("alice", "kv-surfaces", "self", "SECRET", "card payments");
    keyward.awaitPhase("kv-surfaces", "self", "AWAITING_APPROVAL");
    String workflowId = "keygen/kv-surfaces/self";

    Reply api =
        keyward.post(
            "alice", "/api/generations/kv-surfaces/self/decisions", "{\"decision\":\"APPROVE\"}");
    assertThat(api.status()).isEqualTo(409);
    assertThat(api.body().get("message").asText()).isEqualTo(SELF_APPROVAL);
    assertThat(refusalsOf(workflowId)).containsExactly(SELF_APPROVAL);

    PageClient browser = signedIn("alice");
    Page posted = decideOnThePage(browser, page, "APPROVE");
    assertThat(posted.status()).isEqualTo(303);
    assertThat(browser.get(page).body()).contains(SELF_APPROVAL);
    assertThat(refusalsOf(workflowId)).containsExactly(SELF_APPROVAL, SELF_APPROVAL);

    Reply clicked = clicks.click("U0ALICE", SlackActions.APPROVE, workflowId, "/actions/self");
    assertThat(clicked.status()).isEqualTo(200);
    assertThat(slackAnswer("/actions/self"))
        .isEqualTo("Keyward refused your APPROVE: " + SELF_APPROVAL);
    assertThat(refusalsOf(workflowId)).containsExactly(SELF_APPROVAL, SELF_APPROVAL, SELF_APPROVAL);

    JsonNode state = keyward.generation("kv-surfaces", "self");
    assertThat(state.get("approvers")).isEmpty();
    assertThat(state.get("phase").asText()).isEqualTo("AWAITING_APPROVAL");
  }

  @Test
  void showsNothingToSomeoneWithoutAPartAndLetsThemDecideNothingOnAnySurface() throws Exception {
    String page = keyward.requestKey("alice", "kv-surfaces", "hidden", "SECRET", "payroll secrets");
    keyward.awaitPhase("kv-surfaces", "hidden", "AWAITING_APPROVAL");
    String workflowId = "keygen/kv-surfaces/hidden";
    String hidden =
        "the generation request for kv-surfaces/hidden is visible to its requester, its"
            + " participants, the roles that decide it and security auditors";

    Reply read = keyward.get("bob", "/api/generations/kv-surfaces/hidden");
    Reply decided =
        keyward.post(
            "bob", "/api/generations/kv-surfaces/hidden/decisions", "{\"decision\":\"APPROVE\"}");
    assertThat(read.status()).isEqualTo(403);
    assertThat(read.body().get("message").asText()).isEqualTo(hidden);
    assertThat(decided.status()).isEqualTo(403);
    assertThat(decided.body().get("message").asText()).isEqualTo(hidden);

    PageClient board = signedIn("bob");
    Page shown = board.get(page);
    Page posted = decideOnThePage(board, page, "APPROVE", csrfOf(board));
    assertThat(shown.status()).isEqualTo(403);
    assertThat(posted.status()).isEqualTo(403);
    for (Page answer : List.of(shown, posted)) {
      assertThat(answer.body()).contains(hidden).doesNotContain("payroll", "AWAITING_APPROVAL");
    }

    clicks.click("U0BOB", SlackActions.APPROVE, workflowId, "/actions/hidden");
    assertThat(slackAnswer("/actions/hidden"))
        .isEqualTo("Keyward refused your APPROVE: " + hidden)
        .doesNotContain("AWAITING_APPROVAL", "SECRET");

    assertThat(refusalsOf(workflowId)).containsExactly(hidden, hidden, hidden);
    assertThat(keyward.generation("kv-surfaces", "hidden").get("approvers")).isEmpty();
  }

  @Test
  void answersARequestThatDoesNotExistWith404OnTheApiAndThePageAndRecordsNothing() {
    String page = "/ui/generations/kv-surfaces/never-asked";

    Reply api =
        keyward.post(
            "olivia",
            "/api/generations/kv-surfaces/never-asked/decisions",
            "{\"decision\":\"APPROVE\"}");
    PageClient officer = signedIn("olivia");
    Page posted = decideOnThePage(officer, page, "APPROVE", csrfOf(officer));

    assertThat(api.status()).isEqualTo(404);
    assertThat(posted.status()).isEqualTo(404);
    assertThat(keyward.audit().recordsFor("keygen/kv-surfaces/never-asked")).isEmpty();
  }

  private static PageClient signedIn(String user) {
    PageClient browser = new PageClient(keyward.base());
    assertThat(browser.signIn(user).status()).isEqualTo(303);
    return browser;
  }

  /** The CSRF token of the session, from a page the person may open. */
  private static String csrfOf(PageClient browser) {
    return browser.get("/ui/inbox").csrfToken();
  }

  private static Page decideOnThePage(PageClient browser, String page, String decision) {
    return decideOnThePage(browser, page, decision, browser.get(page).csrfToken());
  }

  private static Page decideOnThePage(
      PageClient browser, String page, String decision, String csrf) {
    return browser.post(page + "/decisions", Map.of("csrf", csrf, "decision", decision));
  }

  /** The refusals recorded for the workflow, oldest first. */
  private static List<String> refusalsOf(String workflowId) {
    return keyward.audit().recordsFor(workflowId).stream()
        .map(AuditRecord::event)
        .filter(event -> event.type().equals(Refusals.REFUSED))
        .map(event -> event.details().get("refusal"))
        .toList();
  }

  /** The text Keyward posted to the response URL of a click; waits for it a few seconds. */
  private static String slackAnswer(String path) throws Exception {
    for (int i = 0; i < 100; i++) {
      for (RecordingHttpServer.Request request : slack.requests()) {
        if (request.uri().getPath().equals(path)) {
          return JSON.readTree(request.body()).get("text").asText();
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no answer was posted to " + path);
  }
}
