package io.keyward.ui.testing;

import io.keyward.api.RunningKeyward;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The running application and one headless Chromium for a test class, with what every browser test
 * does with them: sign in as a demo user, open a page, read an element once it is there. Register
 * it as {@code @RegisterExtension static final KeywardInChromium app = new KeywardInChromium();};
 * the class is skipped without Chromium on a laptop and fails without it under CI ({@link
 * Chromium}).
 */
public final class KeywardInChromium implements BeforeAllCallback, AfterAllCallback {
  private Path data;
  private RunningKeyward keyward;
  private WebDriver browser;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Chromium.requireInstalled();
    data = Files.createTempDirectory("keyward-chromium-");
    keyward = RunningKeyward.start(data);
    browser = Chromium.start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (keyward != null) {
      keyward.close();
    }
    if (data != null) {
      try (Stream<Path> files = Files.walk(data)) {
        files.sorted(Comparator.reverseOrder()).forEach(KeywardInChromium::delete);
      }
    }
  }

  public RunningKeyward keyward() {
    return keyward;
  }

  public WebDriver browser() {
    return browser;
  }

  /** Signs in through the form as the demo user {@code user}, with a fresh cookie jar. */
  public void signIn(String user) {
    browser.get(url("/ui/sign-in"));
    browser.manage().deleteAllCookies();
    browser.get(url("/ui/sign-in"));
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(user + "-demo-password");
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("sign-in-button")));
    waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-as")));
  }

  /** Opens {@code path} of the application. */
  public void open(String path) {
    browser.get(url(path));
  }

  /**
   * The text of the element {@code id}, once the page shows it; a notice the page's script fills in
   * (a refused assertion) is empty until the script answers, so an empty text is waited out.
   */
  public String text(String id) {
    return waitFor()
        .until(
            page -> {
              String text = page.findElement(By.id(id)).getText();
              return text.isBlank() ? null : text;
            });
  }

  /** Waits until the page's {@code #phase} names {@code phase}. */
  public void awaitPhase(String phase) {
    waitFor().until(ExpectedConditions.attributeToBe(By.id("phase"), "data-phase", phase));
  }

  /** A wait of up to 20 seconds that looks again at an element replaced meanwhile. */
  public WebDriverWait waitFor() {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  public String url(String path) {
    return keyward.base().resolve(path).toString();
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
