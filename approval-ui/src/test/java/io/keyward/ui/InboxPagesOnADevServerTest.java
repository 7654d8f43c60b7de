package io.keyward.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.api.RunningKeyward;
import io.keyward.api.testing.DevServerCli;
import io.keyward.ui.testing.PageClient;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox on a real Temporal dev server reads each generation ceremony's row from what the run
 * publishes (its step's due date as {@code KeywardStepDue}, the rest in the memo), one visibility
 * query per page: it lists page by page, leaves out a step the viewer already took part in, and
 * asks no run, which the last test shows by stopping the worker (a run asked then cannot answer).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InboxPagesOnADevServerTest {
  private static final Pattern ROW_KEY = Pattern.compile("data-key=\"(kv-paged/[a-z0-9-]+)\"");
  private static final Pattern NEXT = Pattern.compile("id=\"inbox-next\" href=\"([^\"]+)\"");
  private static final List<String> KEYS =
      List.of("kv-paged/first-key", "kv-paged/second-key", "kv-paged/third-key");

  @TempDir static Path data;

  private static RunningKeyward keyward;

  @BeforeAll
  static void start() throws Exception {
    keyward = RunningKeyward.onDevServer(data, DevServerCli.require());
    for (String key : KEYS) {
      keyward.requestKey("alice", "kv-paged", key.substring("kv-paged/".length()), "SECRET", "x");
    }
    keyward.api(
        "olivia",
        "POST",
        "/api/generations/kv-paged/first-key/decisions",
        "{\"decision\":\"APPROVE\"}");
  }

  @AfterAll
  static void stop() {
    if (keyward != null) {
      keyward.close();
    }
  }

  @Test
  @Order(1)
  void leavesOutAStepTheViewerAlreadyTookPart() {
    PageClient officer = signedIn("olivia");

    String inbox =
        pageUntil(
            officer,
            "/ui/inbox",
            body -> keysOn(body).equals(List.of("kv-paged/second-key", "kv-paged/third-key")));

    assertThat(inbox).contains("Approve a key generation", "alice");
  }

  @Test
  @Order(2)
  void listsOnePageAtATimeWithALinkToTheNext() {
    PageClient lead = signedIn("lena");
    pageUntil(lead, "/ui/inbox", body -> keysOn(body).size() == KEYS.size());

    String first = lead.get("/ui/inbox?size=2").body();
    String next = nextLink(first);
    String second = lead.get(next).body();

    assertThat(keysOn(first)).hasSize(2);
    assertThat(next).startsWith("/ui/inbox?page=").endsWith("&size=2");
    List<String> both = new ArrayList<>(keysOn(first));
    both.addAll(keysOn(second));
    assertThat(both).containsExactlyInAnyOrderElementsOf(KEYS);
    assertThat(second).doesNotContain("inbox-next").contains("id=\"inbox-first\"");
  }

  @Test
  @Order(3)
  void refusesAPageLinkItDidNotMake() {
    PageClient lead = signedIn("lena");

    assertThat(lead.get("/ui/inbox?page=not*base64").status()).isEqualTo(400);
    assertThat(lead.get("/ui/inbox?size=0").body()).contains("size must be between 1 and 200");
  }

  @Test
  @Order(4)
  void asksOnlyTheRunsThatPublishNoStep() {
    PageClient lead = signedIn("lena");
    pageUntil(lead, "/ui/inbox", body -> keysOn(body).size() == KEYS.size());
    // A run of the type that publishes no step, as one started before ceremonies did: the inbox
    // must ask it, and it cannot answer (no worker polls its queue).
    keyward
        .client()
        .newUntypedWorkflowStub(
            "KeyGeneration",
            WorkflowOptions.newBuilder()
                .setWorkflowId("keygen/kv-paged/older-key")
                .setTaskQueue("no-worker-polls-this")
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder()
                        .set(KeywardSearchAttributes.AWAITING_ROLES, List.of("SECURITY_TEAM_LEAD"))
                        .set(KeywardSearchAttributes.PHASE, "AWAITING_APPROVAL")
                        .build())
                .build())
        .start();
    keyward.stopWorkers();

    String inbox = pageUntil(lead, "/ui/inbox", body -> body.contains("id=\"unanswered\""));

    assertThat(keysOn(inbox)).containsExactlyInAnyOrderElementsOf(KEYS);
    assertThat(inbox).contains("1 run(s) did not answer").contains("alice");
  }

  private static List<String> keysOn(String page) {
    List<String> keys = new ArrayList<>();
    Matcher row = ROW_KEY.matcher(page);
    while (row.find()) {
      keys.add(row.group(1));
    }
    return keys.stream().sorted().toList();
  }

  private static String nextLink(String page) {
    Matcher next = NEXT.matcher(page);
    assertThat(next.find()).as("a link to the next page").isTrue();
    // As a browser reads the attribute: the template escapes '=' and '&'.
    return next.group(1).replace("&#61;", "=").replace("&amp;", "&");
  }

  private static PageClient signedIn(String user) {
    PageClient browser = new PageClient(keyward.base());
    browser.signIn(user);
    return browser;
  }

  private static String pageUntil(PageClient browser, String path, Predicate<String> shows) {
    return until(() -> browser.get(path).body(), shows);
  }

  /** Reads until the value satisfies the condition; gives up after 60 seconds. */
  private static <T> T until(Supplier<T> read, Predicate<T> condition) {
    long giveUp = System.nanoTime() + 60_000_000_000L;
    T value = read.get();
    while (!condition.test(value)) {
      if (System.nanoTime() > giveUp) {
        throw new AssertionError("still not as expected after 60 s: " + value);
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
