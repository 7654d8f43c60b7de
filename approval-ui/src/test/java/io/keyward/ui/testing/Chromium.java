package io.keyward.ui.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both at fixed paths so that
 * Selenium never looks for or downloads a browser of its own. Without them the browser tests are
 * skipped on a laptop and fail under CI ({@code CI=true}), where {@code .ci/run} installs them.
 */
public final class Chromium {
  public static final Path BROWSER = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  /** Skips the calling test class when the browser is missing, or fails it under CI. */
  public static void requireInstalled() {
    boolean installed = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    if (installed) {
      return;
    }
    String missing =
        "the browser tests need Debian's chromium and chromium-driver ("
            + BROWSER
            + ", "
            + DRIVER
            + "): apt-get install chromium chromium-driver";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(missing);
    }
    Assumptions.assumeTrue(false, missing);
  }

  /** A new headless browser with its own profile, so its cookies are its own. */
  public static WebDriver start() {
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,1000",
        "--lang=en-US");
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    return driver;
  }

  /**
   * Clicks a button that submits a form, or a link, and returns once the page it was on is gone, so
   * that what the caller reads next comes from the page the server answered with. A click returns
   * as soon as the browser has dispatched it; without this wait the next lookup can still find the
   * old page, e.g. the approvals count from before the decision.
   *
   * <p>Only for clicks that leave the page: a click handled on the page itself never makes the
   * element stale, and this then fails after 20 seconds.
   */
  public static void clickAndAwaitNewPage(WebDriver browser, WebElement target) {
    target.click();
    ExpectedCondition<Boolean> stale = ExpectedConditions.stalenessOf(target);
    ExpectedCondition<Boolean> gone =
        page -> {
          try {
            return stale.apply(page);
          } catch (WebDriverException e) {
            if (isFromAnotherDocument(e)) {
              return true;
            }
            throw e;
          }
        };
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .withMessage("the page did not change after the click")
        .until(gone);
  }

  /**
   * Chromium's driver sometimes answers a question about an element of a page that has just been
   * replaced with this error instead of a stale element reference; it means the same.
   */
  private static boolean isFromAnotherDocument(WebDriverException e) {
    String message = e.getMessage();
    return message != null
        && message.contains("Node with given id does not belong to the document");
  }

  /**
   * Saves what the browser shows as a PNG under the directory named by the system property {@code
   * keyward.screenshots}, for a person to look at; does nothing when the property is not set.
   */
  public static void screenshot(WebDriver browser, String name) {
    String directory = System.getProperty("keyward.screenshots");
    if (directory == null || directory.isBlank()) {
      return;
    }
    try {
      File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
      Path target = Path.of(directory).resolve(name + ".png");
      Files.createDirectories(target.getParent());
      Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
