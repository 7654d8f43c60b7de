package io.keyward.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.api.RunningKeyward;
import io.keyward.ui.testing.Chromium;
import java.nio.file.Path;
import java.time.Duration;
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

/**
 * The approvers' pages in a real headless Chromium against the running application: people sign in,
 * find what waits on them, decide, and see the ceremony move on, also when someone else decides in
 * another browser (runbook 3.3 as the approvers live it).
 */
class ApprovalInChromiumTest {
  @TempDir static Path data;

  private static RunningKeyward keyward;
  private static WebDriver browser;
  private static WebDriver secondBrowser;

  @BeforeAll
  static void start() throws Exception {
    Chromium.requireInstalled();
    keyward = RunningKeyward.start(data);
    browser = Chromium.start();
  }

  @AfterAll
  static void stop() {
    if (secondBrowser != null) {
      secondBrowser.quit();
    }
    if (browser != null) {
      browser.quit();
    }
    if (keyward != null) {
      keyward.close();
    }
  }

  @Test
  void signsInAndSeesWhatWaitsOnTheirRoles() {
    keyward.requestKey("alice", "kv-browser", "inbox-row", "SECRET", "card payments");

    signIn(browser, "olivia");

    assertThat(browser.getCurrentUrl()).endsWith("/ui/inbox");
    assertThat(text(browser, "signed-in-as")).contains("Olivia Officer");
    WebElement row = browser.findElement(By.cssSelector("tr[data-key='kv-browser/inbox-row']"));
    assertThat(row.getText())
        .contains("Approve a key generation", "kv-browser/inbox-row", "SECRET", "alice", "UTC");
    assertThat(text(browser, "listing-note")).contains("no visibility queries");
    Chromium.screenshot(browser, "inbox");

    keyward.requestKey("alice", "kv-browser", "inbox-later", "SECRET", "arrives while open");
    wait(browser)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-key='kv-browser/inbox-later']")));

    Chromium.clickAndAwaitNewPage(
        browser,
        browser
            .findElement(By.cssSelector("tr[data-key='kv-browser/inbox-row']"))
            .findElement(By.linkText("Approve a key generation")));
    assertThat(text(browser, "phase")).isEqualTo("Waiting for approval");
    assertThat(text(browser, "quorum")).isEqualTo("2 of 3");
  }

  @Test
  void approvesARequestAndWatchesItsStateChange() {
    String page =
        keyward.requestKey("alice", "kv-browser", "approve-me", "CONFIDENTIAL", "internal tls");
    signIn(browser, "olivia");
    browser.get(url(page));
    assertThat(phaseOf(browser)).isEqualTo("AWAITING_APPROVAL");

    browser.findElement(By.id("reason")).sendKeys("CHG0042 reviewed");
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("decide-APPROVE")));

    assertThat(text(browser, "notice")).isEqualTo("You approved this request.");
    awaitPhase(browser, "AWAITING_GENERATION");
    assertThat(text(browser, "phase"))
        .isEqualTo("Approved: waiting for key custodian 1 to generate the key");
    assertThat(text(browser, "approvals")).isEqualTo("1 of 1 approvals: olivia");
    assertThat(text(browser, "timeline")).contains("olivia APPROVE CHG0042 reviewed");
    assertThat(browser.findElements(By.id("decide"))).isEmpty();
  }

  @Test
  void isRefusedWhenApprovingTheirOwnRequest() {
    String page =
        keyward.requestKey("olivia", "kv-browser", "own-request", "SECRET", "signing service");
    signIn(browser, "olivia");
    browser.get(url(page));

    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("decide-APPROVE")));

    assertThat(text(browser, "notice"))
        .isEqualTo(
            "olivia requested this key and cannot decide on it (runbook 3.3: two-person"
                + " integrity)");
    assertThat(browser.findElement(By.id("notice")).getAttribute("class")).contains("refused");
    assertThat(text(browser, "approvals")).isEqualTo("0 of 2 approvals");
    assertThat(keyward.generation("kv-browser", "own-request").get("approvers")).isEmpty();
  }

  @Test
  void showsAScriptInAJustificationAsText() {
    String justification =
        "<script>document.title='owned'</script><b id=\"injected\">bold</b> & more";
    String page =
        keyward.requestKey("alice", "kv-browser", "script-text", "CONFIDENTIAL", justification);
    signIn(browser, "olivia");

    browser.get(url(page));

    assertThat(text(browser, "justification")).isEqualTo(justification);
    assertThat(browser.findElements(By.id("injected"))).isEmpty();
    assertThat(browser.getTitle()).doesNotContain("owned").contains("kv-browser/script-text");
  }

  @Test
  void refusesAPostWithoutTheCsrfTokenAndChangesNothing() {
    String page = keyward.requestKey("alice", "kv-browser", "no-token", "CONFIDENTIAL", "tls");
    signIn(browser, "olivia");
    browser.get(url(page));

    Object status =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0], {method: 'POST', credentials: 'same-origin',"
                    + " headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                    + " body: 'decision=APPROVE&reason=forged'})"
                    + ".then(r => done(r.status)).catch(e => done(String(e)));",
                page + "/decisions");

    assertThat(status).isEqualTo(403L);
    JsonNode state = keyward.generation("kv-browser", "no-token");
    assertThat(state.get("approvers")).isEmpty();
    assertThat(state.get("phase").asText()).isEqualTo("AWAITING_APPROVAL");
    browser.navigate().refresh();
    assertThat(text(browser, "approvals")).isEqualTo("0 of 1 approvals");
  }

  @Test
  void twoApproversCompleteATwoOfThreeQuorumInTwoBrowsers() {
    String page = keyward.requestKey("alice", "kv-browser", "two-of-three", "SECRET", "payments");
    WebDriver olivia = browser;
    WebDriver lena = second();
    signIn(olivia, "olivia");
    signIn(lena, "lena");
    olivia.get(url(page));
    lena.get(url(page));

    Chromium.clickAndAwaitNewPage(olivia, olivia.findElement(By.id("decide-APPROVE")));
    wait(olivia).until(ExpectedConditions.textToBe(By.id("approvals"), "1 of 2 approvals: olivia"));

    wait(lena).until(ExpectedConditions.textToBe(By.id("approvals"), "1 of 2 approvals: olivia"));
    assertThat(phaseOf(lena)).isEqualTo("AWAITING_APPROVAL");
    lena.findElement(By.id("reason")).sendKeys("second approver, CHG0099");
    Chromium.screenshot(lena, "request-page-deciding");
    Chromium.clickAndAwaitNewPage(lena, lena.findElement(By.id("decide-APPROVE")));

    awaitPhase(olivia, "AWAITING_GENERATION");
    assertThat(text(olivia, "approvals")).isEqualTo("2 of 2 approvals: olivia, lena");
    assertThat(text(olivia, "timeline"))
        .contains("olivia APPROVE", "lena APPROVE second approver, CHG0099");
    Chromium.screenshot(olivia, "request-page");
    assertThat(keyward.generation("kv-browser", "two-of-three").get("phase").asText())
        .isEqualTo("AWAITING_GENERATION");
  }

  @Test
  void showsSomeoneWithNoPartInARequestWhyTheyCannotSeeIt() {
    String page = keyward.requestKey("alice", "kv-browser", "not-yours", "SECRET", "payments");
    browser.get(url("/ui/sign-in"));
    browser.manage().deleteAllCookies();
    browser.get(url(page));
    Chromium.screenshot(browser, "sign-in");
    browser.findElement(By.id("username")).sendKeys("bob");
    browser.findElement(By.id("password")).sendKeys("bob-demo-password");
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("sign-in-button")));

    assertThat(text(browser, "error-heading")).isEqualTo("Forbidden");
    assertThat(text(browser, "error-message"))
        .contains("visible to its requester, its participants");
    assertThat(browser.getPageSource()).doesNotContain("payments");
    Chromium.screenshot(browser, "forbidden");
  }

  @Test
  void custodiansAndSecurityFinishTheCeremonyAndTheKeyIsListed() {
    String page =
        keyward.requestKey("alice", "kv-browser", "full-ceremony", "CONFIDENTIAL", "orders db");
    keyward.api(
        "olivia",
        "POST",
        "/api/generations/kv-browser/full-ceremony/decisions",
        "{\"decision\":\"APPROVE\"}");

    decideInBrowser("kim", page, "AWAITING_GENERATION", "decide-GENERATE");
    decideInBrowser("kai", page, "AWAITING_VERIFICATION", "decide-VERIFY");
    decideInBrowser("sam", page, "AWAITING_REGISTRATION", "decide-REGISTER");
    awaitPhase(browser, "REGISTERED");
    assertThat(text(browser, "key-version")).contains("enabled");

    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.linkText("Keys")));
    WebElement row = browser.findElement(By.cssSelector("tr[data-key='kv-browser/full-ceremony']"));
    assertThat(row.getText()).contains("CONFIDENTIAL", "EC-P_384", "enabled", "alice");
    Chromium.screenshot(browser, "keys");
  }

  private void decideInBrowser(String who, String page, String phase, String button) {
    signIn(browser, who);
    browser.get(url(page));
    awaitPhase(browser, phase);
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id(button)));
    wait(browser).until(ExpectedConditions.attributeContains(By.id("notice"), "class", "done"));
  }

  private static WebDriver second() {
    if (secondBrowser == null) {
      secondBrowser = Chromium.start();
    }
    return secondBrowser;
  }

  private static void signIn(WebDriver browser, String user) {
    browser.get(url("/ui/sign-in"));
    browser.manage().deleteAllCookies();
    browser.get(url("/ui/sign-in"));
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(user + "-demo-password");
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("sign-in-button")));
    wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-as")));
  }

  private static String phaseOf(WebDriver browser) {
    return browser.findElement(By.id("phase")).getAttribute("data-phase");
  }

  /** Waits until the page, reloading by itself, shows the phase. */
  private static void awaitPhase(WebDriver browser, String phase) {
    wait(browser).until(ExpectedConditions.attributeToBe(By.id("phase"), "data-phase", phase));
  }

  /** The element's text once it is on the page; a page that reloads by itself is read again. */
  private static String text(WebDriver browser, String id) {
    return wait(browser).until(page -> page.findElement(By.id(id)).getText());
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
