package io.keyward.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.api.RunningKeyward;
import io.keyward.ui.testing.Chromium;
import io.keyward.ui.testing.PageClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The break-glass console and the incidents page in a real headless Chromium, against the running
 * application with the real break-glass and compromise workflows (runbook 8.3 and 11 as the people
 * on call live them).
 */
class IncidentsInChromiumTest {
  @TempDir static Path data;

  private static RunningKeyward keyward;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    Chromium.requireInstalled();
    keyward = RunningKeyward.start(data);
    browser = Chromium.start();
    keyward.registeredKey("kv-incident", "orders-db", "CONFIDENTIAL");
    keyward.registeredKey("kv-incident", "leaked", "CONFIDENTIAL");
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
  void authorisesABreakGlassSessionWatchesItCountDownRecordsAnActionAndEndsIt() {
    keyward.api(
        "sol",
        "POST",
        "/api/break-glass",
        "{\"incident\":\"INC-BG-1\",\"keys\":[\"kv-incident/orders-db\"],"
            + "\"reason\":\"orders database unreadable\",\"admin\":\"bruno\"}");
    keyward.apiUntil(
        "audrey",
        "/api/break-glass/INC-BG-1",
        s -> s.get("phase").asText().equals("AWAITING_AUTHORISATION"));

    signIn("lena");
    Chromium.clickAndAwaitNewPage(
        browser, browser.findElement(By.cssSelector("a[href='/ui/break-glass/INC-BG-1']")));
    assertThat(text("level")).startsWith("L1");
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("authorise-APPROVE")));
    assertThat(text("notice")).isEqualTo("You approved the access.");
    signIn("alice");
    browser.get(url("/ui/break-glass/INC-BG-1"));
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("authorise-APPROVE")));

    signIn("bruno");
    browser.get(url("/ui/break-glass"));
    wait(browser)
        .until(
            ExpectedConditions.textMatches(
                By.cssSelector("tr[data-incident='INC-BG-1'] .countdown"),
                java.util.regex.Pattern.compile("1[0-5]:\\d\\d")));
    Chromium.screenshot(browser, "break-glass-console");
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.linkText("INC-BG-1")));
    assertThat(text("countdown")).matches("1[0-5]:\\d\\d");
    browser.findElement(By.id("action-key")).sendKeys("kv-incident/orders-db");
    browser.findElement(By.id("action-what")).sendKeys("exported the public key");
    browser.findElement(By.id("action-detail")).sendKeys("<b>for the DBA</b>");
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("record-action")));
    assertThat(text("actions")).contains("bruno", "exported the public key", "<b>for the DBA</b>");
    Chromium.screenshot(browser, "break-glass-session");

    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("end-session")));
    awaitPhase("AWAITING_REVIEW");
    assertThat(text("revocation")).contains("yes, read back from the grant store");

    // The review is someone's who neither declared nor authorised the session.
    signIn("carol");
    browser.get(url("/ui/break-glass/INC-BG-1"));
    browser.findElement(By.id("findings")).sendKeys("one read-only action, as declared");
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("complete-review")));
    awaitPhase("CLOSED");
  }

  @Test
  void showsACompromiseWithItsTimeToDisableAndLetsAResponderTakeIt() {
    keyward.api(
        "sol",
        "POST",
        "/api/compromises",
        "{\"incident\":\"INC-KC-1\",\"vault\":\"kv-incident\",\"name\":\"leaked\","
            + "\"severity\":\"P1\",\"summary\":\"key seen in a public repository\"}");
    keyward.apiUntil(
        "audrey",
        "/api/compromises/INC-KC-1",
        s ->
            !s.path("disablement").path("timeToDisable").isMissingNode()
                && !s.path("disablement").path("timeToDisable").isNull());

    // sol reported it; another responder takes it.
    signIn("sam");
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.linkText("Incidents")));
    assertThat(text("incidents")).contains("INC-KC-1", "kv-incident/leaked", "P1");
    Chromium.screenshot(browser, "incidents");
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.linkText("INC-KC-1")));
    assertThat(text("time-to-disable")).matches("\\d+(\\.\\d)? (ms|s).*");
    assertThat(text("acknowledged-by")).contains("nobody yet");

    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("acknowledge-button")));

    assertThat(text("notice")).isEqualTo("You took the incident; its escalation timer stopped.");
    wait(browser)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("acknowledged-by"), "sam"));
    Chromium.screenshot(browser, "incident");
  }

  @Test
  void keepsTheConsolesFromPeopleWithoutAPartInThem() {
    PageClient custodian = new PageClient(keyward.base());
    custodian.signIn("kim");
    PageClient board = new PageClient(keyward.base());
    board.signIn("bob");

    assertThat(custodian.get("/ui/break-glass").status()).isEqualTo(403);
    assertThat(board.get("/ui/incidents").status()).isEqualTo(403);
    assertThat(board.get("/ui/inbox").body())
        .doesNotContain("/ui/break-glass\"")
        .doesNotContain("/ui/incidents\"");
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

  private static void awaitPhase(String phase) {
    wait(browser).until(ExpectedConditions.attributeToBe(By.id("phase"), "data-phase", phase));
  }

  private static String text(String id) {
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
