package io.keyward.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.api.RunningKeyward;
import io.keyward.ui.testing.PageClient;
import io.keyward.ui.testing.PageClient.Page;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web pages over plain HTTP against the running application: sessions, cookies, CSRF, escaping
 * and who may see what, checked on the wire where a browser would hide the details.
 */
class PagesOverHttpTest {
  @TempDir static Path data;

  private static RunningKeyward keyward;

  @BeforeAll
  static void start() throws Exception {
    keyward = RunningKeyward.start(data);
  }

  @AfterAll
  static void stop() {
    keyward.close();
  }

  private PageClient browser() {
    return new PageClient(keyward.base());
  }

  @Test
  void sendsSomeoneNotSignedInToTheSignInFormAndBackAfterwards() {
    PageClient browser = browser();
    String page = keyward.requestKey("alice", "kv-http", "back-after", "CONFIDENTIAL", "tls");

    Page redirected = browser.get(page);
    assertThat(redirected.status()).isEqualTo(303);
    assertThat(redirected.header("Location"))
        .endsWith("/ui/sign-in?next=%2Fui%2Fgenerations%2Fkv-http%2Fback-after");

    Page form = browser.get("/ui/sign-in?next=" + page);
    Page signedIn =
        browser.post(
            "/ui/sign-in",
            Map.of(
                "token",
                tokenOf(form),
                "username",
                "olivia",
                "password",
                "olivia-demo-password",
                "next",
                page));
    assertThat(signedIn.status()).isEqualTo(303);
    assertThat(signedIn.header("Location")).endsWith(page);
    assertThat(browser.get(page).status()).isEqualTo(200);
  }

  @Test
  void leadsFromTheRootToTheInbox() {
    for (String entrance : new String[] {"/", "/ui", "/ui/"}) {
      Page answer = browser().get(entrance);
      assertThat(answer.status()).as(entrance).isEqualTo(303);
      assertThat(answer.header("Location")).as(entrance).endsWith("/ui/inbox");
    }
  }

  @Test
  void setsAnHttpOnlySameSiteSessionCookieWithoutSecureOverPlainHttp() {
    Page signedIn = browser().signIn("olivia");

    String cookie =
        signedIn.setCookies().stream()
            .filter(c -> c.startsWith("keyward_session="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie).contains("HttpOnly", "SameSite=Lax", "Path=/ui");
    assertThat(cookie).doesNotContain("Secure");
    assertThat(signedIn.header("Location")).endsWith("/ui/inbox");
  }

  @Test
  void refusesAWrongPasswordWithoutSayingWhetherTheUserExists() {
    Page wrongPassword = browser().signIn("olivia", "not-her-password");
    Page unknownUser = browser().signIn("mallory", "whatever");

    for (Page refused : new Page[] {wrongPassword, unknownUser}) {
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.body()).contains("Unknown user or wrong password.");
      assertThat(refused.setCookies()).noneMatch(c -> c.matches("keyward_session=[^;]+;.*"));
    }
  }

  @Test
  void locksANameAfterFiveFailedSignInsEvenForTheRightPassword() {
    for (int attempt = 0; attempt < 5; attempt++) {
      assertThat(browser().signIn("kai", "guess-" + attempt).status()).isEqualTo(401);
    }

    Page locked = browser().signIn("kai", "kai-demo-password");

    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.body()).contains("too many failed sign-ins as kai");
    assertThat(locked.setCookies()).noneMatch(c -> c.matches("keyward_session=[^;]+;.*"));
  }

  @Test
  void refusesASignInWhoseFormDidNotComeFromKeyward() {
    PageClient browser = browser();
    browser.get("/ui/sign-in");

    Page forged =
        browser.post(
            "/ui/sign-in",
            Map.of(
                "token", "made-up",
                "username", "olivia",
                "password", "olivia-demo-password"));

    assertThat(forged.status()).isEqualTo(403);
    assertThat(browser.cookie("keyward_session")).isNull();
  }

  @Test
  void leavesKeywardOnlyForItsOwnPagesAfterSignIn() {
    PageClient browser = browser();
    Page form = browser.get("/ui/sign-in");

    Page signedIn =
        browser.post(
            "/ui/sign-in",
            Map.of(
                "token", tokenOf(form),
                "username", "olivia",
                "password", "olivia-demo-password",
                "next", "https://evil.example/ui/x"));

    assertThat(signedIn.header("Location")).endsWith("/ui/inbox").doesNotContain("evil");
  }

  @Test
  void refusesADecisionPostedWithoutOrWithAWrongCsrfTokenAndChangesNothing() {
    String page = keyward.requestKey("alice", "kv-http", "csrf-key", "CONFIDENTIAL", "tls");
    PageClient olivia = browser();
    olivia.signIn("olivia");
    String token = olivia.get(page).csrfToken();

    Page withoutToken = olivia.post(page + "/decisions", Map.of("decision", "APPROVE"));
    Page wrongToken =
        olivia.post(
            page + "/decisions", Map.of("decision", "APPROVE", "csrf", token.substring(1) + "x"));

    assertThat(withoutToken.status()).isEqualTo(403);
    assertThat(wrongToken.status()).isEqualTo(403);
    assertThat(withoutToken.body()).contains("nothing was changed");
    JsonNode state = keyward.generation("kv-http", "csrf-key");
    assertThat(state.get("approvers")).isEmpty();
    assertThat(state.get("phase").asText()).isEqualTo("AWAITING_APPROVAL");

    Map<String, String> form = new LinkedHashMap<>();
    form.put("csrf", token);
    form.put("decision", "APPROVE");
    form.put("reason", "tls for the portal");
    Page accepted = olivia.post(page + "/decisions", form);
    assertThat(accepted.status()).isEqualTo(303);
    assertThat(keyward.generation("kv-http", "csrf-key").get("approvers").get(0).asText())
        .isEqualTo("olivia");
    assertThat(olivia.get(page).body()).contains("You approved this request.");
  }

  @Test
  void showsEachRefusalInTheCeremonysOwnWords() {
    String page = keyward.requestKey("alice", "kv-http", "refusals", "SECRET", "payments");
    PageClient olivia = browser();
    olivia.signIn("olivia");
    PageClient kim = browser();
    kim.signIn("kim");

    decide(olivia, page, "APPROVE", "");
    String twice = decide(olivia, page, "APPROVE", "");
    String wrongRole = decide(kim, page, "APPROVE", "");
    String denyWithoutReason = decide(olivia, page, "DENY", "");

    assertThat(twice).contains("olivia has already approved this request");
    assertThat(wrongRole)
        .contains(
            "kim holds none of the roles eligible to approve a SECRET key: [CRYPTO_OFFICER,"
                + " SECURITY_TEAM_LEAD, CISO]");
    assertThat(denyWithoutReason).contains("DENY needs a reason");
    assertThat(keyward.generation("kv-http", "refusals").get("approvers")).hasSize(1);
  }

  /** Posts a decision with the page's own CSRF token; returns the page it leads back to. */
  private static String decide(PageClient who, String page, String decision, String reason) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("csrf", who.get(page).csrfToken());
    form.put("decision", decision);
    form.put("reason", reason);
    Page answer = who.post(page + "/decisions", form);
    assertThat(answer.status()).isEqualTo(303);
    return who.get(page).body();
  }

  @Test
  void endsTheSessionAtSignOut() {
    PageClient browser = browser();
    browser.signIn("olivia");
    String session = browser.cookie("keyward_session");
    String token = browser.get("/ui/inbox").csrfToken();

    Page signedOut = browser.post("/ui/sign-out", Map.of("csrf", token));

    assertThat(signedOut.status()).isEqualTo(200);
    assertThat(signedOut.body()).contains("You are signed out.");
    PageClient stolen = browser();
    stolen.setCookie("keyward_session", session);
    assertThat(stolen.get("/ui/inbox").status()).isEqualTo(303);
  }

  @Test
  void escapesMarkupThatPeopleTyped() {
    String page =
        keyward.requestKey(
            "alice",
            "kv-http",
            "escaped",
            "CONFIDENTIAL",
            "<script>alert('x')</script> & <img src=x onerror=alert(1)>");
    PageClient olivia = browser();
    olivia.signIn("olivia");

    String html = olivia.get(page).body();

    assertThat(html)
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img src&#61;x")
        .doesNotContain("<script>alert")
        .doesNotContain("<img src=x");
  }

  @Test
  void servesPagesWithAContentSecurityPolicyThatRunsOnlyKeywardsScript() {
    PageClient browser = browser();
    browser.signIn("olivia");

    Page inbox = browser.get("/ui/inbox");

    assertThat(inbox.header("Content-Security-Policy"))
        .contains("script-src 'self'", "frame-ancestors 'none'");
    assertThat(inbox.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(inbox.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void showsARequestOnlyToPeopleWithAPartInIt() {
    String page = keyward.requestKey("alice", "kv-http", "need-to-know", "SECRET", "payments");
    PageClient board = browser();
    board.signIn("bob");
    PageClient auditor = browser();
    auditor.signIn("audrey");

    Page refused = board.get(page);

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).doesNotContain("payments");
    assertThat(auditor.get(page).status()).isEqualTo(200);
  }

  @Test
  void listsWaitingWorkByRoleAndSaysHowItWasListed() {
    keyward.requestKey("alice", "kv-http", "for-officers", "SECRET", "payments");
    PageClient officer = browser();
    officer.signIn("oscar");
    PageClient custodian = browser();
    custodian.signIn("kim");

    String officersInbox = officer.get("/ui/inbox").body();
    String custodiansInbox = custodian.get("/ui/inbox").body();

    assertThat(officersInbox)
        .contains("kv-http/for-officers", "Approve a key generation", "SECRET")
        .contains("no visibility queries");
    assertThat(custodiansInbox).doesNotContain("kv-http/for-officers");
  }

  @Test
  void answersThePollOfARequestPageWithItsRevision() {
    String page = keyward.requestKey("alice", "kv-http", "polled", "CONFIDENTIAL", "tls");
    PageClient olivia = browser();
    olivia.signIn("olivia");

    Page status = olivia.getJson(page + "/status");
    Page anonymous = browser().getJson(page + "/status");

    assertThat(status.status()).isEqualTo(200);
    assertThat(status.body()).contains("\"phase\":\"AWAITING_APPROVAL\"", "\"revision\"");
    assertThat(anonymous.status()).isEqualTo(401);
  }

  private static String tokenOf(Page form) {
    var matcher =
        java.util.regex.Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(form.body());
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }
}
