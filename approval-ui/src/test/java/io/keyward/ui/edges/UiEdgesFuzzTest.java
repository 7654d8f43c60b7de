package io.keyward.ui.edges;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.keyward.api.RunningKeyward;
import io.keyward.api.hostile.EdgeEffects;
import io.keyward.api.hostile.EdgeProbe;
import io.keyward.api.hostile.EdgeProbe.Outcome;
import io.keyward.api.hostile.QuickDemoUsers;
import io.keyward.api.hostile.RawHttp;
import io.keyward.api.hostile.RawHttp.Answer;
import io.keyward.ui.edges.UiCalls.Call;
import io.keyward.ui.edges.UiCalls.Session;
import io.keyward.ui.edges.UiCalls.SignIn;
import io.keyward.ui.testing.PageClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile input at the approval UI's edges, over real HTTP against Keyward with its web pages
 * ({@link RunningKeyward}: the real application, the in-process Temporal server, every ceremony the
 * worker runs, the JSON-lines audit trail): every form with and without the session's CSRF token,
 * the sign-in form, and the pages' paths and query strings. Generated inputs come from
 * starter-api's {@link io.keyward.api.hostile} tools, the same as for the API's edges.
 *
 * <p>For every request: no answer is a 5xx; a form without its session's token is a 403 and changes
 * nothing at all; a refused form (4xx, or a redirect to a page whose notice says it was refused)
 * starts no workflow, sends no Update a workflow takes and writes at most its own {@code *_REFUSED}
 * audit record, and its page says what was wrong; a sign-in changes nothing, sets no session cookie
 * when it fails and goes nowhere outside {@code /ui/} when it succeeds; no answer echoes a password
 * or a session id.
 *
 * <p>4,100 requests per run, with the fixed seed {@link #SEED}: every run sends the same requests.
 * When a property fails, jqwik prints the seed, the shrunk falsifying request and the original one,
 * and keeps the failing sample in {@code target/jqwik-database}, so the next run tries it first.
 * Replay it with {@code ./mvnw -B -o -pl approval-ui -am verify -Dtest='UiEdgesFuzzTest'
 * -Dsurefire.failIfNoSpecifiedTests=false}; to explore other inputs, change {@link #SEED} (or put
 * another {@code seed} on one property).
 */
class UiEdgesFuzzTest {
  /** The seed of every property here: the same requests on every run. */
  static final String SEED = "20261203";

  private static final Pattern SAYS_WHY =
      Pattern.compile(
          "id=\"(?:error-message|problem)\"[^>]*>([^<]*)<|\"message\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern SIGN_IN_TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

  private static Path data;
  private static RunningKeyward keyward;
  private static EdgeProbe probe;
  private static RawHttp http;
  private static List<Session> sessions;

  @BeforeContainer
  static void start() throws Exception {
    data = Files.createTempDirectory("keyward-ui-edges");
    keyward =
        RunningKeyward.start(
            data,
            ConfigOverride.config("directory.usersFile", QuickDemoUsers.write(data).toString()),
            // Out of reach, so that every refused step reaches its ceremony's validator.
            ConfigOverride.config("ceremony.refusalLimit", "1000000"),
            ConfigOverride.config("directory.signInLimit", "1000000"));
    http = new RawHttp(keyward.port());
    setUpRequests();
    sessions = new ArrayList<>();
    for (String person : UiCalls.PEOPLE) {
      PageClient browser = new PageClient(keyward.base());
      browser.signIn(person);
      String csrf = browser.get("/ui/inbox").csrfToken();
      sessions.add(new Session(person, browser.cookie("keyward_session"), csrf));
    }
    List<String> secrets = new ArrayList<>(UiCalls.WRONG_PASSWORDS);
    secrets.add("-demo-password");
    sessions.forEach(session -> secrets.add(session.cookie()));
    probe =
        new EdgeProbe(
            http,
            new EdgeEffects(keyward.client().getWorkflowServiceStubs(), "default", keyward.audit()),
            secrets);
    probe.settle();
  }

  /**
   * What the forms and pages name: a SECRET generation waiting for approval, a registered key (with
   * its lifecycle) and a rotation planned for it, a break-glass session and a compromise response.
   */
  private static void setUpRequests() {
    String vault = UiCalls.VAULT;
    keyward.registeredKey(vault, UiCalls.REGISTERED, "CONFIDENTIAL");
    keyward.requestKey("alice", vault, UiCalls.GENERATED, "SECRET", "needed");
    String later = LocalDate.now(ZoneOffset.UTC).plusDays(40).toString();
    keyward.api(
        "olivia",
        "POST",
        "/api/rotations",
        "{\"vault\":\""
            + vault
            + "\",\"name\":\""
            + UiCalls.REGISTERED
            + "\",\"rotationDate\":\""
            + later
            + "\",\"justification\":\"yearly\"}");
    keyward.api(
        "lena",
        "POST",
        "/api/break-glass",
        "{\"incident\":\""
            + UiCalls.BREAK_GLASS
            + "\",\"vault\":\""
            + vault
            + "\",\"reason\":\"orders down\",\"durationMinutes\":15,\"admin\":\"bruno\"}");
    keyward.api(
        "sol",
        "POST",
        "/api/compromises",
        "{\"incident\":\""
            + UiCalls.COMPROMISE
            + "\",\"vault\":\""
            + vault
            + "\",\"name\":\""
            + UiCalls.REGISTERED
            + "\",\"severity\":\"P2\",\"summary\":\"seen in a paste\"}");
  }

  @AfterContainer
  static void stop() throws IOException {
    try {
      System.out.println("UiEdgesFuzzTest: " + probe.summary());
      assertThat(keyward.audit().verify().intact()).as("the audit chain is intact").isTrue();
    } finally {
      keyward.close();
      try (Stream<Path> files = Files.walk(data)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @Property(tries = 1500, seed = SEED)
  void refusesEveryFormWithoutItsSessionsCsrfTokenAndChangesNothing(
      @ForAll("withoutToken") Call call) {
    Outcome outcome = probe.check(call.edge(), call.request(), call.actor());

    assertThat(outcome.status()).as(outcome.report()).isIn(400, 401, 403, 413, 415);
    if (outcome.effects().temporalChanged() || !outcome.effects().auditRecords().isEmpty()) {
      EdgeProbe.fail("a form without its token changed something", outcome);
    }
    requireSaysWhatWasWrong(outcome);
  }

  @Property(tries = 800, seed = SEED)
  void takesOrRefusesHostileFormsWithTheirToken(@ForAll("withToken") Call call) {
    Outcome outcome = probe.check(call.edge(), call.request(), call.actor());

    if (outcome.refused()) {
      requireSaysWhatWasWrong(outcome);
    } else if (outcome.status() == 303 && refusedOnTheNextPage(outcome, call)) {
      EdgeProbe.requireOnlyItsRefusal(outcome, call.actor());
    }
  }

  @Property(tries = 600, seed = SEED)
  void signsInOnlyWithTheFormsTokenAndTheRightPassword(@ForAll("signIns") SignIn attempt) {
    RawHttp.Builder request =
        RawHttp.request("POST", "/ui/sign-in")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html");
    String token = null;
    if (attempt.tokenVariant() > 0) {
      Answer form = http.send(RawHttp.request("GET", "/ui/sign-in").build());
      Matcher found = SIGN_IN_TOKEN.matcher(form.body());
      assertThat(found.find()).as("the sign-in form has a token").isTrue();
      token = found.group(1);
      request.header("Cookie", "keyward_sign_in=" + token);
    }
    String sentToken =
        switch (attempt.tokenVariant()) {
          case 0, 1 -> null;
          case 2 -> token + "x";
          default -> token;
        };
    String password =
        attempt.password().equals("RIGHT") ? attempt.user() + "-demo-password" : attempt.password();
    List<java.util.Map.Entry<String, String>> fields = new ArrayList<>();
    if (sentToken != null) {
      fields.add(java.util.Map.entry("token", sentToken));
    }
    fields.add(java.util.Map.entry("username", attempt.user()));
    fields.add(java.util.Map.entry("password", password));
    fields.add(java.util.Map.entry("next", attempt.next()));
    Outcome outcome =
        probe.check(
            "approval UI sign-in",
            request.body(io.keyward.api.hostile.HostileForm.encode(fields)).build(),
            null);

    if (!outcome.effects().none()) {
      EdgeProbe.fail("a sign-in changed something", outcome);
    }
    List<String> sessionCookies =
        outcome.answer().headers("Set-Cookie").stream()
            .filter(c -> c.matches("keyward_session=[^;]+;.*"))
            .toList();
    boolean rightToken = attempt.tokenVariant() >= 3;
    boolean rightPassword =
        attempt.password().equals("RIGHT") && UiCalls.PEOPLE.contains(attempt.user());
    if (outcome.status() == 303) {
      assertThat(rightToken && rightPassword).as("signed in" + outcome.report()).isTrue();
      assertThat(outcome.answer().header("Location"))
          .as("goes back to a page of Keyward's UI" + outcome.report())
          .matches("(https?://[^/]+)?/ui/[^/].*|(https?://[^/]+)?/ui/?");
      assertThat(sessionCookies).as(outcome.report()).hasSize(1);
    } else {
      assertThat(outcome.status()).as(outcome.report()).isBetween(400, 499);
      assertThat(sessionCookies)
          .as("no session for a refused sign-in" + outcome.report())
          .isEmpty();
      requireSaysWhatWasWrong(outcome);
    }
  }

  @Property(tries = 1200, seed = SEED)
  void readsPagesWithHostilePathsAndQueriesWithoutChangingAnything(@ForAll("pages") Call call) {
    Outcome outcome = probe.check(call.edge(), call.request(), call.actor());

    if (!outcome.effects().none()) {
      EdgeProbe.fail("reading a page changed something", outcome);
    }
    if (outcome.refused()) {
      requireSaysWhatWasWrong(outcome);
    }
  }

  @Provide
  Arbitrary<Call> withoutToken() {
    return UiCalls.formsWithoutTheirToken(sessions);
  }

  @Provide
  Arbitrary<Call> withToken() {
    return UiCalls.formsWithTheirToken(sessions);
  }

  @Provide
  Arbitrary<SignIn> signIns() {
    return UiCalls.signIns();
  }

  @Provide
  Arbitrary<Call> pages() {
    return UiCalls.pages(sessions);
  }

  /** A refusal's page (or JSON) names what was wrong in a non-blank message. */
  private static void requireSaysWhatWasWrong(Outcome outcome) {
    Matcher why = SAYS_WHY.matcher(outcome.answer().body());
    while (why.find()) {
      String text = why.group(1) != null ? why.group(1) : why.group(2);
      if (!text.isBlank()) {
        return;
      }
    }
    EdgeProbe.fail("the refusal does not say what was wrong", outcome);
  }

  /**
   * Whether the page a form's POST went back to shows the step as refused. The notice is kept in
   * the session for exactly the next page, which is read here.
   */
  private static boolean refusedOnTheNextPage(Outcome outcome, Call call) {
    String location = outcome.answer().header("Location");
    if (location == null) {
      EdgeProbe.fail("a redirect without a Location", outcome);
    }
    String path = location.replaceFirst("^https?://[^/]+", "");
    String cookie = call.request().header("Cookie");
    Answer page =
        http.send(
            RawHttp.request("GET", path)
                .header("Cookie", cookie)
                .header("Accept", "text/html")
                .build());
    return page.body().contains("class=\"notice refused\"");
  }
}
