package io.keyward.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.api.RunningKeyward;
import io.keyward.ui.testing.Chromium;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Rotations in a real headless Chromium against the running application with the real rotation and
 * lifecycle workflows: the security review of a manual rotation (runbook 6.3), its reschedule and
 * cancellation, and the approval gate of a SECRET key's automatic rotation (runbook 2.2, 6.2).
 */
class RotationsInChromiumTest {
  @TempDir static Path data;

  private static RunningKeyward keyward;
  private static WebDriver browser;

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
  void securityReviewsAPlannedRotationThenItIsRescheduledAndCancelled() {
    keyward.registeredKey("kv-rotate", "app-signing", "CONFIDENTIAL");
    String t = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS).toString();
    keyward.api(
        "alice",
        "POST",
        "/api/rotations",
        "{\"vault\":\"kv-rotate\",\"name\":\"app-signing\","
            + "\"rotationDate\":\""
            + t
            + "\",\"justification\":\"yearly <rotation>\"}");
    keyward.apiUntil(
        "audrey",
        "/api/rotations/kv-rotate/app-signing",
        s -> s.get("phase").asText().equals("AWAITING_SECURITY_REVIEW"));

    signIn("sam");
    WebElement row = browser.findElement(By.cssSelector("tr[data-key='kv-rotate/app-signing']"));
    assertThat(row.getText()).contains("Review a planned key rotation (security)", "alice");
    Chromium.clickAndAwaitNewPage(browser, row.findElement(By.tagName("a")));
    assertThat(text("justification")).isEqualTo("yearly <rotation>");
    assertThat(text("checks")).contains("backup restored and verified");
    assertThat(browser.findElement(By.id("decide")).getAttribute("data-assertion"))
        .as("a CONFIDENTIAL key's rotation is decided without a security key")
        .isNull();
    assertThat(browser.findElements(By.id("security-key-note"))).isEmpty();
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("decide-APPROVE_REVIEW")));
    assertThat(text("notice")).isEqualTo("You approved the security review.");
    awaitPhase("WAITING_FOR_ROTATION_DATE");
    Chromium.screenshot(browser, "rotation");

    signIn("olivia");
    browser.get(url("/ui/rotations/kv-rotate/app-signing"));
    browser.findElement(By.id("rotation-date-input")).sendKeys("not a date");
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("reschedule-button")));
    assertThat(text("notice")).contains("is not a date like 2027-03-01");
    browser.findElement(By.id("cancel-reason")).sendKeys("the application is retired");
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("cancel-button")));
    awaitPhase("CANCELLED");
  }

  @Test
  void approvesTheGateOfASecretKeysAutomaticRotationAndSeesItRotated() {
    keyward.registeredKey("kv-rotate", "gated", "SECRET", 30);
    keyward.apiUntil(
        "audrey",
        "/api/keys/kv-rotate/gated/lifecycle",
        s -> s.get("phase").asText().equals("AWAITING_ROTATION_APPROVAL"));

    signIn("oscar");
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.linkText("Keys")));
    WebElement key = browser.findElement(By.cssSelector("tr[data-key='kv-rotate/gated']"));
    assertThat(key.getText()).contains("SECRET", "automatic after approval");
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.linkText("Inbox")));
    Chromium.clickAndAwaitNewPage(
        browser,
        browser
            .findElement(By.cssSelector("tr[data-key='kv-rotate/gated']"))
            .findElement(By.linkText("Approve an automatic rotation (approval gate)")));
    String before = text("current-version");
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("gate-APPROVE")));

    assertThat(text("notice")).isEqualTo("You approved the rotation; it goes ahead.");
    awaitPhase("WAITING_TO_NOTIFY");
    assertThat(text("new-version")).isNotBlank().isNotEqualTo(before);
    assertThat(text("gate-approvals")).contains("oscar");
    Chromium.screenshot(browser, "lifecycle");
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
