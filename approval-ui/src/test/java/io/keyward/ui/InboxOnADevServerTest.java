package io.keyward.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.api.RunningKeyward;
import io.keyward.api.testing.DevServerCli;
import io.keyward.ui.testing.PageClient;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox and the key list on a real Temporal dev server, where they are listed through
 * Temporal's visibility over Keyward's search attributes ({@code KeywardAwaitingRoles}, {@code
 * KeywardPhase}) instead of by asking every run. Visibility follows a run's changes a moment later,
 * so the pages are read until they show the change.
 */
class InboxOnADevServerTest {
  @TempDir static Path data;

  private static RunningKeyward keyward;

  @BeforeAll
  static void start() throws Exception {
    keyward = RunningKeyward.onDevServer(data, DevServerCli.require());
  }

  @AfterAll
  static void stop() {
    if (keyward != null) {
      keyward.close();
    }
  }

  @Test
  void listsWhatWaitsOnEachRoleThroughSearchAttributes() {
    keyward.requestKey("alice", "kv-visible", "card-signing", "SECRET", "card payments");
    PageClient officer = signedIn("olivia");
    PageClient custodian = signedIn("kim");

    String officersInbox =
        pageUntil(officer, "/ui/inbox", body -> body.contains("kv-visible/card-signing"));
    assertThat(officersInbox).contains("Approve a key generation").doesNotContain("no visibility");
    assertThat(custodian.get("/ui/inbox").body()).doesNotContain("kv-visible/card-signing");

    approve("olivia");
    approve("lena");

    String custodiansInbox =
        pageUntil(custodian, "/ui/inbox", body -> body.contains("kv-visible/card-signing"));
    assertThat(custodiansInbox).contains("Generate an approved key (custodian 1)");
    pageUntil(officer, "/ui/inbox", body -> !body.contains("kv-visible/card-signing"));
  }

  @Test
  void listsRegisteredKeysThroughSearchAttributes() {
    keyward.requestKey("alice", "kv-visible", "orders-db", "CONFIDENTIAL", "orders database");
    String decisions = "/api/generations/kv-visible/orders-db/decisions";
    keyward.api("olivia", "POST", decisions, "{\"decision\":\"APPROVE\"}");
    awaitPhase("orders-db", "AWAITING_GENERATION");
    keyward.api("kim", "POST", decisions, "{\"decision\":\"GENERATE\"}");
    awaitPhase("orders-db", "AWAITING_VERIFICATION");
    keyward.api("kai", "POST", decisions, "{\"decision\":\"VERIFY\"}");
    awaitPhase("orders-db", "AWAITING_REGISTRATION");
    keyward.api("sam", "POST", decisions, "{\"decision\":\"REGISTER\"}");
    awaitPhase("orders-db", "REGISTERED");

    String keys =
        pageUntil(signedIn("olivia"), "/ui/keys", body -> body.contains("kv-visible/orders-db"));

    assertThat(keys)
        .contains("CONFIDENTIAL", "EC-P_384", "enabled")
        .doesNotContain("no visibility");
  }

  @Test
  void listsBreakGlassSessionsAndIncidentsThroughSearchAttributes() {
    keyward.registeredKey("kv-visible", "bg-key", "CONFIDENTIAL");
    keyward.registeredKey("kv-visible", "leaked-key", "CONFIDENTIAL");
    keyward.api(
        "sol",
        "POST",
        "/api/break-glass",
        "{\"incident\":\"INC-DEV-1\",\"keys\":[\"kv-visible/bg-key\"],"
            + "\"reason\":\"restore\",\"admin\":\"bruno\"}");
    keyward.api(
        "sol",
        "POST",
        "/api/compromises",
        "{\"incident\":\"INC-DEV-2\",\"vault\":\"kv-visible\",\"name\":\"leaked-key\"}");
    PageClient security = signedIn("sol");

    String console = pageUntil(security, "/ui/break-glass", body -> body.contains("INC-DEV-1"));
    String incidents = pageUntil(security, "/ui/incidents", body -> body.contains("INC-DEV-2"));
    String authoriser = pageUntil(signedIn("lena"), "/ui/inbox", b -> b.contains("INC-DEV-1"));

    assertThat(console).contains("bruno").doesNotContain("no visibility");
    assertThat(incidents).contains("kv-visible/leaked-key").doesNotContain("no visibility");
    assertThat(authoriser).contains("Authorise break-glass access");
  }

  private void approve(String who) {
    keyward.api(
        who,
        "POST",
        "/api/generations/kv-visible/card-signing/decisions",
        "{\"decision\":\"APPROVE\"}");
  }

  private static PageClient signedIn(String user) {
    PageClient browser = new PageClient(keyward.base());
    browser.signIn(user);
    return browser;
  }

  private static void awaitPhase(String name, String phase) {
    until(() -> keyward.generation("kv-visible", name).get("phase").asText(), phase::equals);
  }

  private static String pageUntil(PageClient browser, String path, Predicate<String> shows) {
    return until(() -> browser.get(path).body(), shows);
  }

  /** Reads until the value satisfies the condition; gives up after 30 seconds. */
  private static <T> T until(Supplier<T> read, Predicate<T> condition) {
    long giveUp = System.nanoTime() + 30_000_000_000L;
    T value = read.get();
    while (!condition.test(value)) {
      if (System.nanoTime() > giveUp) {
        throw new AssertionError("still not as expected after 30 s: " + value);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      value = read.get();
    }
    return value;
  }
}
