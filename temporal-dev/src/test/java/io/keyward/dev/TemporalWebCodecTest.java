package io.keyward.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.ui.testing.Chromium;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Temporal Web, served by the dev server dev mode starts, in real headless Chromium: the page of a
 * ceremony shows its justification decoded through the approval UI's codec endpoint to an auditor
 * signed in to the approval UI in the same browser, and only ciphertext to anyone else. One
 * dev-mode start and one browser serve every case, since both are slow to start.
 */
class TemporalWebCodecTest {
  private static final String JUSTIFICATION = "Card vault re-key for audit finding 4b81d2";
  private static final String WORKFLOW_ID = "keygen/kv-web/card-vault";

  /**
   * Temporal Web's banner when its codec endpoint refused or failed; it then shows the payloads as
   * they are stored, base64 ciphertext.
   */
  private static final String CODEC_REFUSED = "Codec Server could not connect";

  @TempDir static Path dataDir;

  private static LocalKeyward keyward;
  private static WebDriver browser;
  private static String runId;

  @BeforeAll
  static void start() throws Exception {
    Path cli = RequiredTemporalCli.get();
    Chromium.requireInstalled();
    keyward = LocalKeyward.start(DevServerSettings.onFreePorts(dataDir, cli), Map.of());
    DemoUserHttp api = new DemoUserHttp(keyward.apiUri());
    DemoUserHttp.Answer requested = api.post("alice", "/api/generations", request());
    assertThat(requested.status()).as(requested.body().toString()).isEqualTo(202);
    new GenerationOverHttp(api, "kv-web/card-vault").awaitPhase("AWAITING_APPROVAL");
    runId = requested.body().path("runId").asText();
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
  void anAuditorSignedInToTheApprovalUiReadsTheJustificationInTemporalWeb() {
    signInToTheApprovalUi("audrey");
    decodeWithCrossOriginCredentials();

    openTheCeremonyInTemporalWeb();

    awaitText(JUSTIFICATION);
    Chromium.screenshot(browser, "temporal-web-decoded-for-an-auditor");
  }

  @Test
  void someoneWhoMayNotReadPayloadsSeesOnlyCiphertext() {
    signInToTheApprovalUi("alice");
    decodeWithCrossOriginCredentials();

    openTheCeremonyInTemporalWeb();

    awaitText(CODEC_REFUSED);
    Chromium.screenshot(browser, "temporal-web-refused-for-a-requester");
    assertThat(pageText()).doesNotContain(JUSTIFICATION);
  }

  /**
   * The dev server's own codec setting sends no cookie ({@code --ui-codec-endpoint} leaves "include
   * cross-origin credentials" off), so the codec endpoint cannot tell who asks and refuses.
   */
  @Test
  void withTheDevServersCodecSettingAloneNobodyReadsIt() {
    signInToTheApprovalUi("audrey");
    useTheClusterCodecSetting();

    openTheCeremonyInTemporalWeb();

    awaitText(CODEC_REFUSED);
    assertThat(pageText()).doesNotContain(JUSTIFICATION);
  }

  private static void signInToTheApprovalUi(String user) {
    browser.get(api("/ui/sign-in"));
    browser.manage().deleteAllCookies();
    browser.get(api("/ui/sign-in"));
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(user + "-demo-password");
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("sign-in-button")));
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-as")));
  }

  /**
   * What a person sets once in Temporal Web's "Codec Server" settings: "use my browser setting",
   * the approval UI's codec endpoint, "include cross-origin credentials". Temporal Web keeps these
   * in its origin's local storage, as JSON values.
   */
  private static void decodeWithCrossOriginCredentials() {
    browser.get(temporalWeb(""));
    ((JavascriptExecutor) browser)
        .executeScript(
            "localStorage.setItem('overrideRemoteCodecConfiguration', 'true');"
                + "localStorage.setItem('endpoint', JSON.stringify(arguments[0]));"
                + "localStorage.setItem('passAccessToken', 'false');"
                + "localStorage.setItem('includeCredentials', 'true');",
            LocalKeyward.codecForTemporalWeb(keyward.apiUri().getPort()).toString());
  }

  private static void useTheClusterCodecSetting() {
    browser.get(temporalWeb(""));
    ((JavascriptExecutor) browser).executeScript("localStorage.clear();");
  }

  private static void openTheCeremonyInTemporalWeb() {
    browser.get(
        temporalWeb(
            "namespaces/default/workflows/"
                + URLEncoder.encode(WORKFLOW_ID, StandardCharsets.UTF_8)
                + "/"
                + runId
                + "/history"));
  }

  private static void awaitText(String text) {
    waiting()
        .withMessage(() -> "Temporal Web never showed " + text + "; it showed: " + pageText())
        .until(page -> pageText().contains(text));
  }

  private static String pageText() {
    return (String) ((JavascriptExecutor) browser).executeScript("return document.body.innerText");
  }

  private static WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(60));
  }

  private static String api(String path) {
    return keyward.apiUri().resolve(path).toString();
  }

  private static String temporalWeb(String path) {
    return keyward.temporal().webUi().orElseThrow().resolve(path).toString();
  }

  private static Map<String, Object> request() {
    return Map.of(
        "vault",
        "kv-web",
        "name",
        "card-vault",
        "classification",
        "RESTRICTED",
        "spec",
        Map.of("type", "AES", "size", 256, "operations", List.of("ENCRYPT", "DECRYPT")),
        "justification",
        JUSTIFICATION);
  }
}
