package io.keyward.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.api.RunningKeyward;
import io.keyward.ui.testing.Chromium;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.generation.GenerationRequest;
import io.keyward.workflows.webauthn.AssertionAudit;
import io.keyward.workflows.webauthn.AuditedAssertions;
import io.keyward.workflows.webauthn.DecisionChallenge;
import io.keyward.workflows.webauthn.HeldCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * ULTRA decisions signed by the decider's own security key, in a real headless Chromium with the
 * WebDriver virtual authenticator against the running application: people register keys, a security
 * team lead approves them, an ULTRA generation is decided end to end with every decision signed,
 * and each way around it is refused (no key, a pending or revoked key, an assertion from another
 * ceremony, a cloned key, the API without the browser).
 */
class SecurityKeysInChromiumTest {
  private static final List<String> DECIDERS = List.of("carol", "tom", "erin", "kim", "kai", "sam");

  @TempDir static Path data;

  private static RunningKeyward keyward;
  private static WebDriver browser;

  /** Each person's authenticator between uses: its credentials with their counters. */
  private static final Map<String, List<Credential>> keysOf = new HashMap<>();

  private static boolean enrolled;

  @BeforeAll
  static void start() throws Exception {
    Chromium.requireInstalled();
    keyward = RunningKeyward.start(data);
    browser = Chromium.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (keyward != null) {
      keyward.close();
    }
  }

  @Test
  void enrolsKeysWithALeadsApprovalAndDecidesAnUltraGenerationWithEveryDecisionSigned() {
    enrolDeciders();
    String page = requestUltra("root-ca");

    for (String approver : List.of("carol", "tom", "erin")) {
      decideInBrowser(approver, page, "APPROVE", "ceremony attended in person");
    }
    keyward.awaitPhase("kv-ultra", "root-ca", "AWAITING_GENERATION");
    decideInBrowser("kim", page, "GENERATE", null);
    keyward.awaitPhase("kv-ultra", "root-ca", "AWAITING_VERIFICATION");
    decideInBrowser("kai", page, "VERIFY", "attributes match");
    keyward.awaitPhase("kv-ultra", "root-ca", "AWAITING_REGISTRATION");
    decideInBrowser("sam", page, "REGISTER", null);
    keyward.awaitPhase("kv-ultra", "root-ca", "REGISTERED");

    List<AuditRecord> decisions =
        keyward.audit().recordsFor(GenerationRequest.workflowId(key("root-ca"))).stream()
            .filter(r -> r.event().type().startsWith("DECISION_"))
            .toList();
    assertThat(decisions)
        .extracting(r -> r.event().actor())
        .containsExactly("carol", "tom", "erin", "kim", "kai", "sam");
    assertThat(decisions)
        .allSatisfy(
            r ->
                assertThat(r.event().details())
                    .containsKeys(
                        AssertionAudit.CREDENTIAL_ID,
                        AssertionAudit.CLIENT_DATA,
                        AssertionAudit.AUTHENTICATOR_DATA,
                        AssertionAudit.SIGNATURE,
                        AssertionAudit.NONCE));
    List<AuditEvent> events = decisions.stream().map(AuditRecord::event).toList();
    assertThat(AuditedAssertions.verify(events, keyward.stores().credentials()::find))
        .as("verify-audit's check: every Chromium assertion verifies again from the trail")
        .isEmpty();
  }

  @Test
  void refusesAnUltraDecisionOverTheApiWithoutTheBrowsersAssertion() {
    enrolDeciders();
    requestUltra("api-only");
    awaitStepOpen("api-only");

    RunningKeyward.Reply reply =
        keyward.post(
            "carol", "/api/generations/kv-ultra/api-only/decisions", "{\"decision\":\"APPROVE\"}");

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.body().get("message").asText()).contains(HeldCredentials.WHERE_TO_DECIDE);
    assertThat(keyward.generation("kv-ultra", "api-only").get("approvers")).isEmpty();
  }

  @Test
  void refusesAPendingKeyUntilALeadApprovesIt() {
    String page = requestUltra("pending");
    awaitStepOpen("pending");
    signIn("oscar");
    register("oscar");
    assertThat(stateOfMyKey()).isEqualTo("PENDING");

    browser.get(url(page));
    browser.findElement(By.id("decide-APPROVE")).click();

    assertThat(text("assertion-error")).contains("oscar has no approved security key");
    String credentialId = credentialIdOf("oscar");
    Map<String, String> forged =
        signOwnChallenge("oscar", "pending", "APPROVE@AWAITING_APPROVAL", credentialId);
    assertThat(postDecision(page, "APPROVE", forged))
        .contains("is not an enrolled, approved and unrevoked credential");
    assertThat(keyward.generation("kv-ultra", "pending").get("approvers")).isEmpty();
  }

  @Test
  void refusesAnAssertionReplayedFromAnotherCeremony() {
    enrolDeciders();
    String target = requestUltra("target");
    requestUltra("elsewhere");
    awaitStepOpen("target");
    awaitStepOpen("elsewhere");
    signIn("carol");

    Map<String, String> forElsewhere =
        signOwnChallenge(
            "carol", "elsewhere", "APPROVE@AWAITING_APPROVAL", credentialIdOf("carol"));

    assertThat(postDecision(target, "APPROVE", forElsewhere))
        .contains("the security key signed another decision");
    assertThat(keyward.generation("kv-ultra", "target").get("approvers")).isEmpty();
  }

  @Test
  void refusesAClonedKeyWhoseCounterDidNotRise() {
    enrolDeciders();
    String first = requestUltra("first");
    String second = requestUltra("second");
    awaitStepOpen("first");
    awaitStepOpen("second");
    List<Credential> clone = new ArrayList<>(keysOf.get("tom"));

    decideInBrowser("tom", first, "APPROVE", null);
    keysOf.put("tom", clone);
    String refusal = decideInBrowser("tom", second, "APPROVE", null);

    assertThat(refusal).contains("signature counter did not increase");
    assertThat(keyward.generation("kv-ultra", "second").get("approvers")).isEmpty();
  }

  @Test
  void refusesARevokedKeyAtOnce() {
    enrolDeciders();
    String page = requestUltra("revoked");
    awaitStepOpen("revoked");
    signIn("erin");
    String credentialId = credentialIdOf("erin");
    Map<String, String> signedBefore =
        signOwnChallenge("erin", "revoked", "APPROVE@AWAITING_APPROVAL", credentialId);
    browser.get(url("/ui/security-keys"));
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.cssSelector("button.revoke")));
    assertThat(text("notice")).contains("revoked");
    assertThat(stateOfMyKey()).isEqualTo("REVOKED");

    assertThat(postDecision(page, "APPROVE", signedBefore))
        .contains("is not an enrolled, approved and unrevoked credential");
    assertThat(keyward.generation("kv-ultra", "revoked").get("approvers")).isEmpty();
    enrolled = false;
    keysOf.remove("erin");
  }

  /** Registers and approves a key for every decider of the scenario, once. */
  private static void enrolDeciders() {
    if (enrolled) {
      return;
    }
    for (String person : DECIDERS) {
      if (!keysOf.containsKey(person)) {
        signIn(person);
        register(person);
        assertThat(stateOfMyKey()).isEqualTo("PENDING");
      }
    }
    signIn("lena");
    browser.get(url("/ui/security-keys"));
    for (String person : DECIDERS) {
      if (browser.findElements(By.cssSelector("tr[data-person='" + person + "']")).isEmpty()) {
        continue;
      }
      Chromium.clickAndAwaitNewPage(
          browser,
          browser.findElement(By.cssSelector("tr[data-person='" + person + "'] button.approve")));
      assertThat(text("notice")).startsWith("You approved security key");
    }
    for (String person : DECIDERS) {
      signIn(person);
      browser.get(url("/ui/security-keys"));
      assertThat(stateOfMyKey()).as(person + "'s key").isEqualTo("ACTIVE");
    }
    enrolled = true;
  }

  /** On the security keys page: registers a key in a new virtual authenticator. */
  private static void register(String person) {
    browser.get(url("/ui/security-keys"));
    assertThat(browser.findElements(By.id("register-key")))
        .as(() -> browser.getPageSource())
        .isNotEmpty();
    withAuthenticator(
        person,
        () -> Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("register-key"))));
    assertThat(text("notice")).contains("waits for a security team lead's approval");
  }

  /**
   * Signs in as {@code person}, opens the page and decides with their key; answers the notice the
   * page shows after it (what was done, or the refusal).
   */
  private static String decideInBrowser(
      String person, String page, String decision, String reason) {
    signIn(person);
    browser.get(url(page));
    if (reason != null) {
      browser.findElement(By.id("reason")).sendKeys(reason);
    }
    withAuthenticator(
        person,
        () ->
            Chromium.clickAndAwaitNewPage(
                browser, browser.findElement(By.id("decide-" + decision))));
    return text("notice");
  }

  /**
   * Runs {@code action} with {@code person}'s authenticator plugged in: a virtual authenticator
   * holding their credentials as last seen (counters included), taken out again afterwards.
   */
  private static void withAuthenticator(String person, Runnable action) {
    HasVirtualAuthenticator webauthn = (HasVirtualAuthenticator) browser;
    VirtualAuthenticator authenticator =
        webauthn.addVirtualAuthenticator(
            new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.USB)
                .setHasResidentKey(false)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
    try {
      keysOf.getOrDefault(person, List.of()).forEach(authenticator::addCredential);
      action.run();
      keysOf.put(person, authenticator.getCredentials());
    } finally {
      webauthn.removeVirtualAuthenticator(authenticator);
    }
  }

  /**
   * Makes {@code person}'s key sign the challenge of a decision on {@code name} at {@code step},
   * computed here as a client of its own would, with the credential {@code credentialId} (any
   * state): what a person or program bypassing the page's own request would send.
   */
  private static Map<String, String> signOwnChallenge(
      String person, String name, String step, String credentialId) {
    String workflowId = GenerationRequest.workflowId(key(name));
    String runId = keyward.describe(workflowId).orElseThrow().getExecution().getRunId();
    String nonce = "nonce-" + name + "-" + System.nanoTime();
    String challenge = DecisionChallenge.of(workflowId, runId, step, null, nonce);
    Map<String, String> fields = new HashMap<>();
    withAuthenticator(
        person,
        () -> {
          @SuppressWarnings("unchecked")
          Map<String, String> signed =
              (Map<String, String>)
                  ((JavascriptExecutor) browser)
                      .executeAsyncScript(
                          "const [challenge, id, done] = arguments;"
                              + "const bytes = t => Uint8Array.from(atob(t.replace(/-/g, '+')"
                              + ".replace(/_/g, '/') + '==='.slice((t.length + 3) % 4)),"
                              + " c => c.charCodeAt(0));"
                              + "const text = b => btoa(String.fromCharCode(...new Uint8Array(b)))"
                              + ".replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');"
                              + "navigator.credentials.get({publicKey: {challenge: bytes(challenge),"
                              + " rpId: 'localhost', userVerification: 'required',"
                              + " allowCredentials: [{type: 'public-key', id: bytes(id)}]}})"
                              + ".then(a => done({credentialId: text(a.rawId),"
                              + " clientDataJson: text(a.response.clientDataJSON),"
                              + " authenticatorData: text(a.response.authenticatorData),"
                              + " signature: text(a.response.signature)}))"
                              + ".catch(e => done({error: String(e)}));",
                          challenge, credentialId);
          assertThat(signed).doesNotContainKey("error");
          fields.putAll(signed);
        });
    fields.put("nonce", nonce);
    return fields;
  }

  /** Posts a decision with the assertion {@code fields} from the page, as its form would. */
  private static String postDecision(String page, String decision, Map<String, String> fields) {
    browser.get(url(page));
    String csrf =
        browser.findElement(By.cssSelector("#decide input[name=csrf]")).getAttribute("value");
    Map<String, String> form = new HashMap<>(fields);
    form.put("csrf", csrf);
    form.put("decision", decision);
    Object status =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const [url, fields, done] = arguments;"
                    + "fetch(url, {method: 'POST', credentials: 'same-origin', redirect: 'manual',"
                    + " headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                    + " body: new URLSearchParams(fields)}).then(r => done(r.type))"
                    + ".catch(e => done(String(e)));",
                page + "/decisions",
                form);
    assertThat(status).isEqualTo("opaqueredirect");
    browser.get(url(page));
    return text("notice");
  }

  /** Alice requests an ULTRA key (EC P-521, as runbook 3.1 requires); answers its page. */
  private static String requestUltra(String name) {
    keyward.api(
        "alice",
        "POST",
        "/api/generations",
        "{\"vault\":\"kv-ultra\",\"name\":\""
            + name
            + "\",\"classification\":\"ULTRA\",\"spec\":{\"type\":\"EC\",\"curve\":\"P_521\","
            + "\"operations\":[\"SIGN\",\"VERIFY\"]},\"justification\":\"root CA "
            + name
            + "\"}");
    return "/ui/generations/kv-ultra/" + name;
  }

  private static String credentialIdOf(String person) {
    byte[] id = keysOf.get(person).get(0).getId();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
  }

  /** The state of the person's newest key, the last row of their list. */
  private static String stateOfMyKey() {
    List<WebElement> rows =
        wait(browser)
            .until(
                ExpectedConditions.presenceOfAllElementsLocatedBy(
                    By.cssSelector("#my-keys tr[data-state]")));
    return rows.get(rows.size() - 1).getAttribute("data-state");
  }

  private static void awaitStepOpen(String name) {
    keyward.apiUntil(
        "alice", "/api/generations/kv-ultra/" + name, state -> state.hasNonNull("stepDeadline"));
  }

  private static KeyRef key(String name) {
    return new KeyRef("kv-ultra", name);
  }

  private static void signIn(String user) {
    browser.get(url("/ui/sign-in"));
    browser.manage().deleteAllCookies();
    browser.get(url("/ui/sign-in"));
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(user + "-demo-password");
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("sign-in-button")));
    wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-as")));
  }

  private static String text(String id) {
    // A notice the page's script fills in (a refused assertion) is empty until the script answers.
    return wait(browser)
        .until(
            page -> {
              String text = page.findElement(By.id(id)).getText();
              return text.isBlank() ? null : text;
            });
  }

  private static WebDriverWait wait(WebDriver browser) {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  private static String url(String path) {
    return keyward.base().resolve(path).toString();
  }
}
