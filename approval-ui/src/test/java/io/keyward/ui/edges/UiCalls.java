package io.keyward.ui.edges;

import io.keyward.api.hostile.HostileForm;
import io.keyward.api.hostile.HostileInput;
import io.keyward.api.hostile.RawHttp;
import io.keyward.api.hostile.RawHttp.Request;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Every form and page of the approval UI with valid fields for the requests the test set up, and
 * hostile requests made from them: forms with and without the session's CSRF token, the sign-in
 * form, and page paths and query strings.
 */
final class UiCalls {
  static final String VAULT = "kv-fuzz";
  static final String GENERATED = "gen";
  static final String REGISTERED = "reg";
  static final String BREAK_GLASS = "INC-UI-1";
  static final String COMPROMISE = "INC-UI-2";

  /** The people signed in before fuzzing, one browser session each. */
  static final List<String> PEOPLE =
      List.of("alice", "olivia", "lena", "carol", "kim", "kai", "sam", "sol", "bruno", "bob");

  static final List<String> WRONG_PASSWORDS =
      List.of("hunter2-wrong-password", "correct-horse-battery-wrong");

  /** A signed-in browser: who, its session cookie and the CSRF token its pages carry. */
  record Session(String user, String cookie, String csrf) {}

  /** A request and who is signed in for it (null: nobody). */
  record Call(String edge, String actor, Request request) {
    @Override
    public String toString() {
      return "as " + actor + ": " + request;
    }
  }

  /** A form: where it posts and its valid fields, without the CSRF token. */
  record Form(String path, List<Map.Entry<String, String>> fields) {}

  static final List<Form> FORMS = forms();

  private UiCalls() {}

  private static List<Form> forms() {
    String later = LocalDate.now(ZoneOffset.UTC).plusDays(45).toString();
    String generation = "/ui/generations/" + VAULT + "/" + GENERATED;
    String rotation = "/ui/rotations/" + VAULT + "/" + REGISTERED;
    String breakGlass = "/ui/break-glass/" + BREAK_GLASS;
    String compromise = "/ui/incidents/" + COMPROMISE;
    return List.of(
        new Form(
            "/ui/generations/new",
            List.of(
                Map.entry("vault", VAULT),
                Map.entry("name", GENERATED),
                Map.entry("classification", "SECRET"),
                Map.entry("type", "EC"),
                Map.entry("size", ""),
                Map.entry("curve", "P_384"),
                Map.entry("operations", "SIGN"),
                Map.entry("operations", "VERIFY"),
                Map.entry("validityDays", "365"),
                Map.entry("justification", "needed"),
                Map.entry("ticket", "CHG0003"))),
        new Form(
            "/ui/rotations/new",
            List.of(
                Map.entry("vault", VAULT),
                Map.entry("name", REGISTERED),
                Map.entry("rotationDate", later),
                Map.entry("justification", "yearly"),
                Map.entry("ticket", "CHG0004"))),
        new Form(
            "/ui/break-glass/new",
            List.of(
                Map.entry("incident", BREAK_GLASS),
                Map.entry("vault", VAULT),
                Map.entry("keys", ""),
                Map.entry("reason", "orders down"),
                Map.entry("durationMinutes", "15"),
                Map.entry("admin", "bruno"))),
        new Form(
            "/ui/incidents/new",
            List.of(
                Map.entry("incident", COMPROMISE),
                Map.entry("vault", VAULT),
                Map.entry("name", REGISTERED),
                Map.entry("severity", "P2"),
                Map.entry("summary", "seen in a paste"))),
        new Form(
            generation + "/decisions",
            List.of(Map.entry("decision", "APPROVE"), Map.entry("reason", "reviewed"))),
        new Form(
            rotation + "/decisions",
            List.of(Map.entry("decision", "APPROVE"), Map.entry("reason", "ok"))),
        new Form(
            rotation + "/reschedule",
            List.of(Map.entry("rotationDate", later), Map.entry("reason", "later"))),
        new Form(rotation + "/cancel", List.of(Map.entry("reason", "not needed"))),
        new Form(
            "/ui/keys/" + VAULT + "/" + REGISTERED + "/gate",
            List.of(Map.entry("decision", "APPROVE"), Map.entry("reason", "ok"))),
        new Form(
            breakGlass + "/authorisations",
            List.of(Map.entry("decision", "APPROVE"), Map.entry("reason", "ok"))),
        new Form(
            breakGlass + "/actions",
            List.of(
                Map.entry("key", VAULT + "/" + REGISTERED),
                Map.entry("action", "read"),
                Map.entry("detail", "x"))),
        new Form(breakGlass + "/end", List.of(Map.entry("reason", "done"))),
        new Form(breakGlass + "/review", List.of(Map.entry("findings", "all fine"))),
        new Form(compromise + "/acknowledgement", List.of(Map.entry("note", "on it"))),
        new Form(compromise + "/tasks/ROOT_CAUSE_ANALYSIS", List.of(Map.entry("summary", "done"))),
        new Form("/ui/sign-out", List.of()));
  }

  /** The pages, to be read with hostile paths and queries. */
  static final List<String> PAGES =
      List.of(
          "/ui/inbox",
          "/ui/keys",
          "/ui/break-glass",
          "/ui/incidents",
          "/ui/generations/new",
          "/ui/rotations/new",
          "/ui/break-glass/new",
          "/ui/incidents/new",
          "/ui/generations/" + VAULT + "/" + GENERATED,
          "/ui/generations/" + VAULT + "/" + GENERATED + "/status",
          "/ui/rotations/" + VAULT + "/" + REGISTERED,
          "/ui/rotations/" + VAULT + "/" + REGISTERED + "/status",
          "/ui/keys/" + VAULT + "/" + REGISTERED,
          "/ui/keys/" + VAULT + "/" + REGISTERED + "/status",
          "/ui/break-glass/" + BREAK_GLASS,
          "/ui/break-glass/" + BREAK_GLASS + "/status",
          "/ui/incidents/" + COMPROMISE,
          "/ui/incidents/" + COMPROMISE + "/status",
          "/ui/assets/keyward.css",
          "/ui/sign-in",
          "/ui");

  /**
   * A form posted by a signed-in person whose CSRF token is missing, wrong, another session's, the
   * sign-in form's, or a near miss of the right one; the fields may be hostile too.
   */
  static Arbitrary<Call> formsWithoutTheirToken(List<Session> sessions) {
    return Combinators.combine(
            Arbitraries.of(FORMS),
            Arbitraries.of(sessions),
            Arbitraries.of(sessions),
            Arbitraries.integers().between(0, 13),
            HostileInput.texts().filter(t -> t.length() < 3_000),
            Arbitraries.of(true, false))
        .flatAs(
            (form, me, other, variant, junk, hostileFields) -> {
              Arbitrary<byte[]> fields =
                  hostileFields && !form.fields().isEmpty()
                      ? HostileForm.like(form.fields(), Set.of()).map(HostileForm.Body::bytes)
                      : Arbitraries.just(HostileForm.encode(form.fields()));
              return fields.map(
                  body -> {
                    RawHttp.Builder request = post(form.path(), me);
                    String token = me.csrf();
                    String field = "";
                    switch (variant) {
                      case 0 -> field = "";
                      case 1 -> field = "csrf=";
                      case 2 -> field = "csrf=" + other.csrf() + (other == me ? "x" : "");
                      case 3 -> field = "csrf=" + token.toUpperCase(java.util.Locale.ROOT) + "Q";
                      case 4 -> field = "csrf=" + token.substring(1);
                      case 5 -> field = "csrf=" + token + "%20";
                      case 6 -> field = "csrf=x&csrf=" + token;
                      case 7 -> field = "csrf=" + HostileInput.percentEncode(junk);
                      case 8 -> field = "csrf=%C3%28" + token;
                      case 9 -> request.header("X-Keyward-Csrf", token + "x");
                      case 10 -> request.header("X-Keyward-Csrf", "");
                      case 11 -> {
                        field = "csrf=" + token;
                        request = post(form.path(), null);
                      }
                      case 12 -> {
                        field = "csrf=" + token;
                        request =
                            RawHttp.request("POST", form.path())
                                .header("Cookie", "keyward_session=" + token)
                                .header("Content-Type", "application/x-www-form-urlencoded");
                      }
                      default -> {
                        field = "csrf=" + token;
                        request.header("X-Keyward-Csrf", "wrong");
                      }
                    }
                    byte[] all = join(field, body);
                    boolean signedIn = variant != 11 && variant != 12;
                    return new Call(
                        "approval UI forms without their CSRF token",
                        signedIn ? me.user() : null,
                        request.body(all).build());
                  });
            });
  }

  /** A form posted with the session's own CSRF token and hostile fields. */
  static Arbitrary<Call> formsWithTheirToken(List<Session> sessions) {
    List<Form> withFields = FORMS.stream().filter(f -> !f.fields().isEmpty()).toList();
    return Combinators.combine(Arbitraries.of(withFields), Arbitraries.of(sessions))
        .flatAs(
            (form, me) -> {
              List<Map.Entry<String, String>> fields = new ArrayList<>();
              fields.add(Map.entry("csrf", me.csrf()));
              fields.addAll(form.fields());
              return HostileForm.like(fields, Set.of("csrf"))
                  .map(
                      body ->
                          new Call(
                              "approval UI forms with their CSRF token",
                              me.user(),
                              post(form.path(), me).body(body.bytes()).build()));
            });
  }

  /**
   * The sign-in form's POST: with or without the token of its cookie, with demo users, unknown
   * users and hostile names, right, wrong and hostile passwords, and hostile places to go next.
   */
  static Arbitrary<SignIn> signIns() {
    Arbitrary<String> users =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.of(PEOPLE)),
            Tuple.of(1, Arbitraries.of("mallory", "ALICE", " alice ", "alice\u0000")),
            Tuple.of(3, HostileInput.texts()));
    Arbitrary<String> passwords =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.just("")),
            Tuple.of(3, Arbitraries.of(WRONG_PASSWORDS)),
            Tuple.of(3, HostileInput.texts()),
            Tuple.of(1, Arbitraries.just("RIGHT")));
    Arbitrary<String> next =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.just("")),
            Tuple.of(
                3,
                Arbitraries.of(
                    "/ui/keys",
                    "//evil.example/ui/",
                    "https://evil.example/ui/inbox",
                    "/ui/../../admin",
                    "/ui/%2e%2e/x",
                    "/ui\\\\evil",
                    "/ui/inbox\r\nSet-Cookie: a=b",
                    "javascript:alert(1)",
                    "/ui/" + "a".repeat(5000))),
            Tuple.of(2, HostileInput.texts()));
    Arbitrary<Integer> tokenVariant = Arbitraries.integers().between(0, 4);
    return Combinators.combine(users, passwords, next, tokenVariant, Arbitraries.of(true, false))
        .as(SignIn::new);
  }

  /** One sign-in attempt; the test fetches the form first when it needs its token. */
  record SignIn(String user, String password, String next, int tokenVariant, boolean raw) {}

  /** A page read with hostile path segments or query, signed in or not. */
  static Arbitrary<Call> pages(List<Session> sessions) {
    return Combinators.combine(
            Arbitraries.of(PAGES),
            Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(sessions)), Tuple.of(1, Arbitraries.just(null))),
            HostileInput.rawPathSegments().list().ofMinSize(0).ofMaxSize(2),
            Arbitraries.integers().between(0, 7),
            HostileInput.queries(),
            Arbitraries.of("text/html", "application/json", "*/*", "", "\u00ff"),
            cookies())
        .as(
            (page, me, segments, where, query, accept, cookie) -> {
              List<String> parts = new ArrayList<>(List.of(page.substring(1).split("/")));
              for (String segment : segments) {
                int at = Math.min(parts.size(), 1 + Math.floorMod(where++, parts.size()));
                if (at < parts.size() && where % 3 != 0) {
                  parts.set(at, segment);
                } else {
                  parts.add(at, segment);
                }
              }
              RawHttp.Builder request =
                  RawHttp.request("GET", "/" + String.join("/", parts) + query)
                      .header("Accept", accept.isEmpty() ? null : accept);
              request.header(
                  "Cookie", me != null ? "keyward_session=" + me.cookie() : cookie.orElse(null));
              return new Call("approval UI pages", me == null ? null : me.user(), request.build());
            });
  }

  /** No cookie, or cookies no browser of a signed-in person sends: forged, broken, huge. */
  static Arbitrary<java.util.Optional<String>> cookies() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(java.util.Optional.<String>empty())),
        Tuple.of(
            2,
            HostileInput.texts()
                .filter(t -> t.length() < 3_000)
                .map(
                    t ->
                        java.util.Optional.of("keyward_session=" + HostileInput.percentEncode(t)))),
        Tuple.of(
            1,
            Arbitraries.of(
                    "keyward_session=",
                    "keyward_session",
                    "=;;=;",
                    "keyward_session=a; keyward_session=b",
                    "keyward_session=\"quoted\"",
                    "keyward_sign_in=x; keyward_session=" + "A".repeat(6000),
                    RawHttp.latin1(HostileInput.bytes(0xC3, 0x28, 0xFF)))
                .map(java.util.Optional::of)));
  }

  static RawHttp.Builder post(String path, Session me) {
    RawHttp.Builder request =
        RawHttp.request("POST", path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html");
    if (me != null) {
      request.header("Cookie", "keyward_session=" + me.cookie());
    }
    return request;
  }

  private static byte[] join(String field, byte[] body) {
    if (field.isEmpty()) {
      return body;
    }
    byte[] head = (field + (body.length > 0 ? "&" : "")).getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }
}
