package io.keyward.api.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.api.hostile.EdgeEffects.Effects;
import io.keyward.api.hostile.RawHttp.Answer;
import io.keyward.api.hostile.RawHttp.Request;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends one hostile request to a running Keyward and checks what every edge promises: never a 5xx;
 * a refusal (4xx) changes nothing but its own refusal record and says what was wrong; no answer
 * echoes a secret. Between two requests the application is quiet, so whatever changed was the
 * request's doing. Counts what it sent per edge and status, for the report.
 */
public final class EdgeProbe {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SETTLE = Duration.ofSeconds(20);

  private final RawHttp http;
  private final EdgeEffects effects;
  private final List<String> secrets;
  private final Map<String, Map<Integer, AtomicInteger>> sent = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> nanos = new ConcurrentHashMap<>();
  private EdgeEffects.Snapshot quiet;

  /**
   * @param secrets values that no answer may contain: webhook secrets, passwords, tokens
   */
  public EdgeProbe(RawHttp http, EdgeEffects effects, Collection<String> secrets) {
    this.http = http;
    this.effects = effects;
    this.secrets = List.copyOf(secrets);
  }

  /** An answer and what the request changed. */
  public record Outcome(Request request, Answer answer, Effects effects) {
    public int status() {
      return answer.status();
    }

    public boolean refused() {
      return answer.status() >= 400;
    }

    /** What to print when a check fails: the request, the answer, the changes. */
    public String report() {
      return "\nrequest: " + request + "\nanswer: " + answer + "\nchanges: " + effects.describe();
    }
  }

  /**
   * Sends {@code request} as {@code actor} (null when it authenticates nobody) and checks the
   * promises of every edge. An accepted request is let settle before the next one.
   *
   * @throws AssertionError naming the request, the answer and what changed
   */
  public Outcome check(String edge, Request request, String actor) {
    Outcome outcome = send(edge, request);
    requireNoServerError(outcome);
    requireEchoesNoSecret(outcome);
    if (outcome.refused()) {
      requireOnlyItsRefusal(outcome, actor);
    }
    if (outcome.effects().temporalChanged() || !outcome.refused()) {
      // An accepted request may start work that shows only after its answer (a webhook delivery
      // answers before its ticket workflow moves): let it finish before the next request is judged.
      settle();
    }
    return outcome;
  }

  /** Sends and measures, without judging: for edges with promises of their own. */
  public Outcome send(String edge, Request request) {
    long start = System.nanoTime();
    EdgeEffects.Snapshot before = quiet != null ? quiet : effects.snapshot();
    Answer answer = http.send(request);
    sent.computeIfAbsent(edge, e -> new ConcurrentHashMap<>())
        .computeIfAbsent(answer.status(), s -> new AtomicInteger())
        .incrementAndGet();
    Effects changes = effects.since(before);
    quiet = changes.temporalChanged() ? null : changes.after();
    nanos.computeIfAbsent(edge, e -> new AtomicLong()).addAndGet(System.nanoTime() - start);
    return new Outcome(request, answer, changes);
  }

  /**
   * Waits until the application is quiet again, after a request that changed something: what its
   * workflow does next must not be taken for an effect of the following request.
   */
  public void settle() {
    quiet = effects.awaitQuiet(SETTLE);
  }

  public static void requireNoServerError(Outcome outcome) {
    if (outcome.status() >= 500) {
      throw new AssertionError("a server error" + outcome.report());
    }
  }

  public void requireEchoesNoSecret(Outcome outcome) {
    for (String secret : secrets) {
      if (outcome.answer().body().contains(secret)
          || outcome.answer().headers().values().stream()
              .flatMap(List::stream)
              .anyMatch(v -> v.contains(secret))) {
        throw new AssertionError(
            "the answer echoes the secret '" + secret + "'" + outcome.report());
      }
    }
  }

  public static void requireOnlyItsRefusal(Outcome outcome, String actor) {
    outcome
        .effects()
        .beyondOneRefusalBy(actor)
        .ifPresent(
            change ->
                fail("a refused request changed more than its refusal record: " + change, outcome));
  }

  /** The API's error body: JSON with the status as {@code code} and a non-blank {@code message}. */
  public static void requireJsonErrorBody(Outcome outcome) {
    JsonNode error;
    try {
      error = JSON.readTree(outcome.answer().body());
    } catch (IOException notJson) {
      fail("the error body is not JSON", outcome);
      return;
    }
    if (error == null
        || error.path("code").asInt() != outcome.status()
        || error.path("message").asText("").isBlank()) {
      fail("the error body does not say what was wrong", outcome);
    }
  }

  public static void fail(String what, Outcome outcome) {
    throw new AssertionError(what + outcome.report());
  }

  /** Requests sent so far, by edge and status. */
  public Map<String, Map<Integer, Integer>> sent() {
    Map<String, Map<Integer, Integer>> copy = new TreeMap<>();
    sent.forEach(
        (edge, byStatus) -> {
          Map<Integer, Integer> counts = new TreeMap<>();
          byStatus.forEach((status, n) -> counts.put(status, n.get()));
          copy.put(edge, counts);
        });
    return copy;
  }

  /** A line per edge: how many requests, by status, for the test's report. */
  public String summary() {
    StringBuilder text = new StringBuilder();
    int total = 0;
    for (Map.Entry<String, Map<Integer, Integer>> edge : sent().entrySet()) {
      int n = edge.getValue().values().stream().mapToInt(Integer::intValue).sum();
      total += n;
      text.append("  ")
          .append(edge.getKey())
          .append(": ")
          .append(n)
          .append(" requests in ")
          .append(nanos.get(edge.getKey()).get() / 1_000_000)
          .append(" ms, by status ")
          .append(edge.getValue())
          .append('\n');
    }
    return total + " generated requests\n" + text;
  }
}
