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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

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
