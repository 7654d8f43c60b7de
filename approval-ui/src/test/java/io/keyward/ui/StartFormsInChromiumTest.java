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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A key requested from the pages in a real headless Chromium (runbook 3.3 step 1): the requester
 * fills in the form and lands on the request's page; an approver in another browser finds the
 * request waiting in the inbox.
 */
class StartFormsInChromiumTest {
  @TempDir static Path data;

  private static RunningKeyward keyward;
  private static WebDriver requester;
  private static WebDriver approver;

  @BeforeAll
  static void start() throws Exception {
    Chromium.requireInstalled();
    keyward = RunningKeyward.start(data);
    requester = Chromium.start();
    approver = Chromium.start();
  }

  @AfterAll
  static void stop() {
    if (approver != null) {
      approver.quit();
    }
    if (requester != null) {
      requester.quit();
    }
    if (keyward != null) {
      keyward.close();
    }
  }

  @Test
  void aRequesterRequestsAKeyInTheFormAndAnApproverFindsItInTheInbox() {
    signIn(requester, "alice");
    Chromium.clickAndAwaitNewPage(requester, requester.findElement(By.linkText("Keys")));
    Chromium.clickAndAwaitNewPage(requester, requester.findElement(By.id("request-key")));

    requester.findElement(By.id("vault")).sendKeys("kv-chrome");
    requester.findElement(By.id("name")).sendKeys("portal-tls");
    new Select(requester.findElement(By.id("classification"))).selectByValue("CONFIDENTIAL");
    new Select(requester.findElement(By.id("usage"))).selectByVisibleText("TLS certificate key");
    new Select(requester.findElement(By.id("type"))).selectByValue("EC");
    new Select(requester.findElement(By.id("curve"))).selectByValue("P_384");
    requester.findElement(By.id("operation-SIGN")).click();
    requester.findElement(By.id("operation-VERIFY")).click();
    requester.findElement(By.id("ticket")).sendKeys("CHG0077");
    requester.findElement(By.id("justification")).sendKeys("TLS for the <customer> portal");
    Chromium.screenshot(requester, "request-a-key");
    Chromium.clickAndAwaitNewPage(requester, requester.findElement(By.id("submit-request")));

    assertThat(requester.getCurrentUrl()).endsWith("/ui/generations/kv-chrome/portal-tls");
    assertThat(text(requester, "notice"))
        .isEqualTo("Your request for kv-chrome/portal-tls was sent.");
    assertThat(text(requester, "requester")).isEqualTo("alice");
    assertThat(text(requester, "justification")).isEqualTo("TLS for the <customer> portal");
    assertThat(requester.findElement(By.id("phase")).getAttribute("data-phase"))
        .isEqualTo("AWAITING_APPROVAL");
    JsonNode request = keyward.generation("kv-chrome", "portal-tls").get("request");
    assertThat(request.get("requester").get("id").asText()).isEqualTo("alice");
    assertThat(request.get("ticket").asText()).isEqualTo("CHG0077");

    signIn(approver, "olivia");
    WebElement row =
        wait(approver)
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("tr[data-key='kv-chrome/portal-tls']")));
    assertThat(row.getText())
        .contains("Approve a key generation", "kv-chrome/portal-tls", "CONFIDENTIAL", "alice");
    Chromium.screenshot(approver, "requested-key-in-inbox");
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
