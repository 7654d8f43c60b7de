package io.keyward.api.edges;

import io.keyward.api.hostile.HostileInput;
import io.keyward.api.hostile.HostileJson;
import io.keyward.api.hostile.RawHttp;
import io.keyward.api.hostile.RawHttp.Request;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Every route of the JSON API with a valid body for the ceremonies the test set up, and hostile
 * requests made from them: bodies, path segments and query strings, and the headers the API reads
 * (Authorization, Content-Type, Accept, Content-Encoding).
 */
final class ApiCalls {
  /** The ceremonies the test starts before fuzzing, which the valid paths and bodies name. */
  static final String VAULT = "kv-fuzz";

  static final String GENERATED = "gen";
  static final String ROTATED = "rot";
  static final String LEAKED = "leak";
  static final String BREAK_GLASS = "INC-FUZZ-1";
  static final String COMPROMISE = "INC-FUZZ-2";

  /** Everyone in the demo directory; a request is sent as one of them, as nobody, or forged. */
  static final List<String> PEOPLE =
      List.of(
          "alice", "olivia", "oscar", "lena", "carol", "tom", "erin", "kim", "kai", "sam", "audrey",
          "bruno", "tara", "sol", "bob");

  /** Passwords sent that are wrong; no answer may echo them. */
  static final List<String> WRONG_PASSWORDS =
      List.of("hunter2-wrong-password", "Tr0ub4dor&3-wrong", "p\u00e4ssw\u00f6rd-wrong");

  /** A bearer token sent where Basic is expected; no answer may echo it. */
  static final String BEARER_TOKEN = "kwtok_0123456789abcdef0123456789abcdef";

  /** A call: the route's edge, who is authenticated (null: nobody) and the request. */
  record Call(String edge, String actor, Request request) {
    @Override
    public String toString() {
      return "as " + actor + ": " + request;
    }
  }

  /** One route: method, path (with {v}, {n}, {i}, {t}), a valid body (null: none). */
  record Route(String method, String path, String body, boolean array) {
    String target() {
      return path.replace("{v}", VAULT)
          .replace("{n}", path.contains("generations") ? GENERATED : ROTATED)
          .replace("{i}", path.contains("break-glass") ? BREAK_GLASS : COMPROMISE)
          .replace("{t}", "ROOT_CAUSE_ANALYSIS");
    }
  }

  static final List<Route> ROUTES = routes();

  private ApiCalls() {}

  private static List<Route> routes() {
    String later = LocalDate.now(ZoneOffset.UTC).plusDays(40).toString();
    return List.of(
        new Route("POST", "/api/generations", generationBody(VAULT, GENERATED), false),
        new Route("GET", "/api/generations/{v}/{n}", null, false),
        new Route(
            "POST",
            "/api/generations/{v}/{n}/decisions",
            "{\"decision\":\"APPROVE\",\"reason\":\"reviewed\"}",
            false),
        new Route("GET", "/api/generations/{v}/{n}/audit", null, false),
        new Route("POST", "/api/rotations", rotationBody(later), false),
        new Route("GET", "/api/rotations/{v}/{n}", null, false),
        new Route(
            "POST",
            "/api/rotations/{v}/{n}/decisions",
            "{\"decision\":\"APPROVE\",\"reason\":\"ok\"}",
            false),
        new Route(
            "POST",
            "/api/rotations/{v}/{n}/reschedule",
            "{\"rotationDate\":\"" + later + "\",\"reason\":\"later\"}",
            false),
        new Route("POST", "/api/rotations/{v}/{n}/cancel", "{\"reason\":\"not needed\"}", false),
        new Route("GET", "/api/rotations/{v}/{n}/audit", null, false),
        new Route(
            "POST",
            "/api/keys/{v}/{n}/lifecycle",
            "{\"usage\":\"API_KEY\",\"classification\":\"RESTRICTED\"}",
            false),
        new Route("GET", "/api/keys/{v}/{n}/lifecycle", null, false),
        new Route(
            "POST",
            "/api/keys/{v}/{n}/lifecycle/decisions",
            "{\"decision\":\"APPROVE\",\"reason\":\"ok\"}",
            false),
        new Route("GET", "/api/keys/{v}/{n}/dependents", null, false),
        new Route(
            "PUT",
            "/api/keys/{v}/{n}/dependents",
            "{\"application\":\"payments\",\"owner\":\"alice\",\"contact\":\"#payments\"}",
            true),
        new Route("GET", "/api/keys/dependents", null, false),
        new Route("GET", "/api/keys/reconciliations/on-demand", null, false),
        new Route(
            "POST",
            "/api/break-glass",
            "{\"incident\":\""
                + BREAK_GLASS
                + "\",\"keys\":[\""
                + VAULT
                + "/"
                + ROTATED
                + "\"],\"reason\":\"orders down\",\"durationMinutes\":15,\"admin\":\"bruno\"}",
            false),
        new Route("GET", "/api/break-glass/{i}", null, false),
        new Route(
            "POST",
            "/api/break-glass/{i}/authorisations",
            "{\"decision\":\"APPROVE\",\"reason\":\"ok\"}",
            false),
        new Route(
            "POST",
            "/api/break-glass/{i}/actions",
            "{\"key\":\"" + VAULT + "/" + ROTATED + "\",\"action\":\"read\",\"detail\":\"x\"}",
            false),
        new Route("POST", "/api/break-glass/{i}/end", "{\"reason\":\"done\"}", false),
        new Route("POST", "/api/break-glass/{i}/review", "{\"findings\":\"all fine\"}", false),
        new Route("GET", "/api/break-glass/{i}/audit", null, false),
        new Route(
            "POST",
            "/api/compromises",
            "{\"incident\":\""
                + COMPROMISE
                + "\",\"vault\":\""
                + VAULT
                + "\",\"name\":\""
                + LEAKED
                + "\",\"severity\":\"P2\",\"summary\":\"seen in a paste\"}",
            false),
        new Route("GET", "/api/compromises/{i}", null, false),
        new Route("POST", "/api/compromises/{i}/acknowledgements", "{\"note\":\"on it\"}", false),
        new Route("POST", "/api/compromises/{i}/tasks/{t}", "{\"summary\":\"done\"}", false),
        new Route("GET", "/api/compromises/{i}/audit", null, false),
        new Route("GET", "/api/compromises/{i}/evidence", null, false));
  }

  static String generationBody(String vault, String name) {
    return "{\"vault\":\""
        + vault
        + "\",\"name\":\""
        + name
        + "\",\"classification\":\"SECRET\",\"spec\":{\"type\":\"EC\",\"curve\":\"P_384\","
        + "\"operations\":[\"SIGN\",\"VERIFY\"],\"validityDays\":365,\"tags\":{\"Purpose\":\"x\"}},"
        + "\"justification\":\"needed\",\"ticket\":\"CHG0001\"}";
  }

  static String rotationBody(String date) {
    return "{\"vault\":\""
        + VAULT
        + "\",\"name\":\""
        + ROTATED
        + "\",\"rotationDate\":\""
        + date
        + "\",\"justification\":\"yearly\",\"ticket\":\"CHG0002\"}";
  }

  /** A route with a body, sent as someone in the directory with a hostile version of the body. */
  static Arbitrary<Call> hostileBodies() {
    List<Route> withBody = ROUTES.stream().filter(r -> r.body() != null).toList();
    return Arbitraries.of(withBody)
        .flatMap(
            route ->
                Combinators.combine(Arbitraries.of(PEOPLE), HostileJson.like(route.body()))
                    .as(
                        (who, body) ->
                            new Call(
                                "JSON API bodies",
                                who,
                                authorised(route.method(), route.target(), who)
                                    .header("Content-Type", "application/json")
                                    .body(route.array() ? inArray(body.bytes()) : body.bytes())
                                    .build())));
  }

  /** Any route with hostile path segments or query, as someone in the directory. */
  static Arbitrary<Call> hostilePaths() {
    return Combinators.combine(
            Arbitraries.of(ROUTES),
            Arbitraries.of(PEOPLE),
            HostileInput.rawPathSegments().list().ofMinSize(1).ofMaxSize(3),
            Arbitraries.integers().between(0, 9),
            HostileInput.queries())
        .as(
            (route, who, segments, where, query) -> {
              String target = withSegments(route.target(), segments, where) + query;
              return new Call(
                  "JSON API paths and queries",
                  who,
                  authorised(route.method(), target, who)
                      .header("Content-Type", "application/json")
                      .body(route.body() == null ? "" : route.body())
                      .build());
            });
  }

  /**
   * Any route with its valid body, and hostile values in the headers the API reads: credentials
   * (none, wrong, malformed, another scheme), content type and encoding, accepted types.
   */
  static Arbitrary<Call> hostileHeaders() {
    return Combinators.combine(
            Arbitraries.of(ROUTES),
            Arbitraries.of(PEOPLE),
            credentials(),
            contentTypes(),
            Arbitraries.of(
                "application/json", "text/html", "*/*", "application/xml", "", "\u00ff/\u00ff"),
            contentEncodings(),
            HostileInput.texts().filter(t -> t.length() < 2_000))
        .as(
            (route, who, credentials, type, accept, encoding, junk) -> {
              String authorization = credentials.apply(who);
              return new Call(
                  "JSON API headers",
                  authenticated(authorization),
                  RawHttp.request(route.method(), route.target())
                      .header("Authorization", authorization.isEmpty() ? null : authorization)
                      .header("Content-Type", type)
                      .header("Accept", accept)
                      .header("Content-Encoding", encoding)
                      .header("X-Keyward-Fuzz", RawHttp.utf8OnTheWire(junk.replace("\n", " ")))
                      .body(route.body() == null ? "" : route.body())
                      .build());
            });
  }

  private interface Credentials {
    String apply(String who);
  }

  private static Arbitrary<Credentials> credentials() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just(who -> basic(who, who + "-demo-password"))),
        Tuple.of(1, Arbitraries.just(who -> "")),
        Tuple.of(2, Arbitraries.of(WRONG_PASSWORDS).map(p -> (Credentials) who -> basic(who, p))),
        Tuple.of(1, Arbitraries.just(who -> "Bearer " + BEARER_TOKEN)),
        Tuple.of(
            2,
            Arbitraries.of(
                    "Basic",
                    "Basic ",
                    "Basic !!!not-base64!!!",
                    "Basic " + b64("no-colon"),
                    "Basic " + b64(":"),
                    "Basic " + b64(":" + "alice-demo-password"),
                    "Basic " + b64("alice:"),
                    "Basic " + b64("alice:" + "x".repeat(5000)),
                    "Basic " + "A".repeat(7000),
                    "basic " + b64("alice:alice-demo-password"),
                    "Basic  " + b64("alice:alice-demo-password"),
                    "Digest username=\"alice\"")
                .map(value -> (Credentials) who -> value)),
        Tuple.of(
            2,
            HostileInput.texts()
                .filter(t -> t.length() < 3_000)
                .map(
                    text ->
                        (Credentials)
                            who ->
                                "Basic "
                                    + Base64.getEncoder()
                                        .encodeToString(
                                            (text + ":" + text).getBytes(StandardCharsets.UTF_8)))),
        Tuple.of(
            1,
            HostileInput.invalidUtf8()
                .map(
                    bad ->
                        (Credentials)
                            who -> {
                              byte[] user = (who + ":").getBytes(StandardCharsets.UTF_8);
                              return "Basic "
                                  + Base64.getEncoder()
                                      .encodeToString(HostileInput.splice(user, bad, user.length));
                            })));
  }

  private static Arbitrary<String> contentTypes() {
    return Arbitraries.of(
        "application/json",
        "application/json; charset=UTF-8",
        "application/json; charset=ISO-8859-1",
        "application/json; charset=UTF-16",
        "application/json; charset=no-such-charset",
        "application/json; charset=",
        "application/json;;;",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/xml",
        "*/*",
        "",
        "\u00e9/\u00e9",
        "application/" + "x".repeat(3000));
  }

  private static Arbitrary<String> contentEncodings() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just("")),
        Tuple.of(
            1, Arbitraries.of("gzip", "deflate", "br", "identity", "gzip, gzip", "x-unknown")));
  }

  private static String withSegments(String target, List<String> segments, int where) {
    List<String> parts = new ArrayList<>(List.of(target.substring(1).split("/")));
    for (String segment : segments) {
      int at =
          Math.min(parts.size() - 1, 1 + Math.floorMod(where++, Math.max(1, parts.size() - 1)));
      if (where % 4 == 0) {
        parts.add(at, segment);
      } else {
        parts.set(at, segment);
      }
    }
    return "/" + String.join("/", parts);
  }

  private static RawHttp.Builder authorised(String method, String target, String who) {
    return RawHttp.request(method, target)
        .header("Authorization", basic(who, who + "-demo-password"));
  }

  /** The demo user these credentials authenticate (any case of the scheme), or null. */
  static String authenticated(String authorization) {
    String[] parts = authorization.strip().split("\\s+", 2);
    if (parts.length < 2 || !parts[0].equalsIgnoreCase("Basic")) {
      return null;
    }
    try {
      String pair =
          new String(Base64.getDecoder().decode(parts[1].strip()), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      String user = colon < 0 ? "" : pair.substring(0, colon);
      return PEOPLE.contains(user) && pair.equals(user + ":" + user + "-demo-password")
          ? user
          : null;
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  static String basic(String user, String password) {
    return "Basic " + b64(user + ":" + password);
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] inArray(byte[] body) {
    byte[] out = new byte[body.length + 2];
    out[0] = '[';
    System.arraycopy(body, 0, out, 1, body.length);
    out[out.length - 1] = ']';
    return out;
  }

  /** Every secret a request of these generators carries: the passwords and their headers. */
  static List<String> secrets() {
    List<String> secrets = new ArrayList<>(WRONG_PASSWORDS);
    secrets.add("-demo-password");
    secrets.add(BEARER_TOKEN);
    for (String who : PEOPLE) {
      secrets.add(basic(who, who + "-demo-password").substring("Basic ".length()));
    }
    return secrets;
  }
}
