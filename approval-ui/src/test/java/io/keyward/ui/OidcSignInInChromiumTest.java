package io.keyward.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.keyward.api.RunningKeyward;
import io.keyward.ui.testing.Chromium;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
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
 * People sign in to the approvers' pages through a real OpenID Connect server started here
 * (authorization code with PKCE, state and nonce, in a real headless Chromium), with their id and
 * roles from the ID token's claims, and decide; an ULTRA decision asks them to sign in again first.
 */
class OidcSignInInChromiumTest {
  private static final String ISSUER_ID = "entra";
  private static final String CLIENT_ID = "keyward-ui";

  @TempDir static Path data;

  private static MockOAuth2Server oidc;
  private static RunningKeyward keyward;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    Chromium.requireInstalled();
    oidc = new MockOAuth2Server();
    oidc.start();
    keyward =
        RunningKeyward.start(
            "keyward-ui-oidc-test.yml",
            data,
            ConfigOverride.config("identity.oidc.issuer", oidc.issuerUrl(ISSUER_ID).toString()));
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
    if (oidc != null) {
      oidc.shutdown();
    }
  }

  @Test
  void signsInThroughTheIdentityProviderAndApprovesAStep() {
    String page = keyward.requestKey("alice", "kv-oidc", "browser", "CONFIDENTIAL", "internal tls");
    browser.manage().deleteAllCookies();
    browser.get(url(page));
    assertThat(browser.getCurrentUrl()).contains("/ui/sign-in");

    oidc.enqueueCallback(person("oona", "Oona Officer", "Keyward.CryptoOfficer", null));
    signInThroughTheProvider();

    assertThat(text("signed-in-as")).contains("Oona Officer");
    assertThat(browser.getCurrentUrl()).endsWith(page);
    browser.findElement(By.id("reason")).sendKeys("CHG0042 reviewed");
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("decide-APPROVE")));

    assertThat(text("notice")).isEqualTo("You approved this request.");
    assertThat(text("approvals")).isEqualTo("1 of 1 approvals: oona");
  }

  @Test
  void refusesAPersonWhoseTokenCarriesNoKnownRole() {
    browser.manage().deleteAllCookies();
    browser.get(url("/ui/sign-in"));

    oidc.enqueueCallback(person("pat", "Pat Payroll", "Payroll.Admin", null));
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("sign-in-oidc")));

    assertThat(text("problem"))
        .startsWith("the token of pat carries no role Keyward's role mapping knows");
    assertThat(browser.findElements(By.id("signed-in-as"))).isEmpty();
  }

  @Test
  void anUltraDecisionAsksForAFreshSignInThroughTheProvider() {
    keyward.api(
        "alice",
        "POST",
        "/api/generations",
        "{\"vault\": \"kv-oidc\", \"name\": \"ultra\", \"classification\": \"ULTRA\","
            + " \"spec\": {\"type\": \"EC\", \"curve\": \"P_521\", \"operations\":"
            + " [\"SIGN\", \"VERIFY\"]}, \"justification\": \"root of trust\"}");
    String page = "/ui/generations/kv-oidc/ultra";
    browser.manage().deleteAllCookies();
    browser.get(url(page));
    oidc.enqueueCallback(person("cleo", "Cleo Ciso", "Keyward.Ciso", null));
    signInThroughTheProvider();

    approve();

    assertThat(text("notice"))
        .isEqualTo(
            "deciding an ULTRA step needs a sign-in within the last 5 minutes; when you last"
                + " signed in is not known: sign in again, then decide");
    assertThat(text("approvals")).startsWith("0 of 3 approvals");

    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("sign-in-again")));
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("sign-in-oidc")));
    // The provider was asked for a fresh authentication (prompt=login, max_age): it shows its form.
    assertThat(browser.getCurrentUrl()).contains("max_age=300", "prompt=login");
    browser.findElement(By.name("username")).sendKeys("subject-cleo");
    browser.findElement(By.name("claims")).clear();
    browser
        .findElement(By.name("claims"))
        .sendKeys(
            "{\"preferred_username\": \"cleo\", \"name\": \"Cleo Ciso\", \"roles\":"
                + " [\"Keyward.Ciso\"], \"auth_time\": "
                + Instant.now().getEpochSecond()
                + "}");
    browser.findElement(By.cssSelector("input[type=submit]")).click();
    awaitSignedIn();
    browser.get(url(page));
    browser.findElement(By.id("decide-APPROVE")).click();

    // Signed in afresh, cleo is now asked for her security key, which she has not enrolled.
    assertThat(text("assertion-error"))
        .startsWith("cleo has no approved security key: register one at /ui/security-keys");
    assertThat(text("approvals")).startsWith("0 of 3 approvals");
  }

  /** Follows the link to the provider and waits until the browser is back, signed in. */
  private static void signInThroughTheProvider() {
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("sign-in-oidc")));
    awaitSignedIn();
  }

  private static void awaitSignedIn() {
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .withMessage(
            () ->
                "the browser did not come back signed in: at "
                    + browser.getCurrentUrl()
                    + ", showing "
                    + browser.findElement(By.tagName("body")).getText())
        .until(
            page ->
                !page.getCurrentUrl().contains("/ui/sign-in")
                    && !page.findElements(By.id("signed-in-as")).isEmpty());
  }

  private static DefaultOAuth2TokenCallback person(
      String id, String name, String role, Instant authTime) {
    Map<String, Object> claims = new HashMap<>();
    claims.put("preferred_username", id);
    claims.put("name", name);
    claims.put("roles", List.of(role));
    if (authTime != null) {
      claims.put("auth_time", authTime.getEpochSecond());
    }
    return new DefaultOAuth2TokenCallback(
        ISSUER_ID, "subject-" + id, "JWT", List.of(CLIENT_ID), claims, 3600);
  }

  private static void approve() {
    text("decide-APPROVE");
    Chromium.clickAndAwaitNewPage(browser, browser.findElement(By.id("decide-APPROVE")));
  }

  private static String text(String id) {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.ignoring(StaleElementReferenceException.class);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    // A notice the page's script fills in (a refused assertion) is empty until the script answers.
    return wait.until(
        page -> {
          String text = page.findElement(By.id(id)).getText();
          return text.isBlank() ? null : text;
        });
  }

  private static String url(String path) {
    return keyward.base().resolve(path).toString();
  }
}
