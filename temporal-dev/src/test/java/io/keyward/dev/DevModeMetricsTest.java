package io.keyward.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operating Keyward (runbook 12.1): dev mode on the real Temporal dev server, a SECRET key ceremony
 * driven over HTTP, and what Prometheus scrapes from the admin port's {@code /prometheus} after
 * each step, read as Prometheus reads it.
 */
class DevModeMetricsTest {
  private static final String KEY = "kv-metrics/settlement-signing";

  /** Tally hands counts over every second; visibility answers are cached for 15 seconds. */
  private static final Duration SCRAPE_WAIT = Duration.ofSeconds(40);

  private static final Pattern TEMPORAL_SDK_METRIC =
      Pattern.compile("(?m)^temporal_request_total\\{.*\\} [1-9]");
  private static final Pattern ONE_GENERATION_WAITING =
      Pattern.compile("(?m)^keyward_approvals_waiting\\{kind=\"KeyGeneration\"\\} 1\\.0$");
  private static final Pattern KEY_CREATED =
      Pattern.compile(
          "(?m)^keyward_key_operation_seconds_count\\{operation=\"create\",outcome=\"ok\","
              + "provider=\"[a-z0-9-]+\"\\} 1(\\.0)?$");

  private static final Pattern ROTATED_AUTOMATICALLY =
      Pattern.compile(
          "(?m)^keyward_rotations_total\\{[^}]*kind=\"automatic\"[^}]*outcome=\"COMPLETED\"[^}]*\\}"
              + " 1\\.0$");
  private static final Pattern ONE_KEY_DISABLED =
      Pattern.compile(
          "(?m)^keyward_compromise_time_to_disable_seconds_count(\\{[^}]*\\})? 1(\\.0)?$");
  private static final Pattern TIME_TO_DISABLE_SUM =
      Pattern.compile(
          "(?m)^keyward_compromise_time_to_disable_seconds_sum(?:\\{[^}]*\\})? ([0-9.E-]+)$");

  private final HttpClient http = HttpClient.newHttpClient();
  private Path cli;

  @TempDir Path dataDir;

  @BeforeEach
  void requireTemporalCli() {
    cli = RequiredTemporalCli.get();
  }

  @Test
  void scrapesTemporalSdkMetricsAndTheCeremonyKpisFromTheAdminPort() throws Exception {
    try (LocalKeyward keyward =
        LocalKeyward.start(DevServerSettings.onFreePorts(dataDir, cli), Map.of())) {
      DemoUserHttp api = new DemoUserHttp(keyward.apiUri());
      URI prometheus = keyward.adminUri().resolve("prometheus");
      GenerationOverHttp ceremony = new GenerationOverHttp(api, KEY);

      DemoUserHttp.Answer requested = api.post("alice", "/api/generations", secretKeyRequest());
      assertThat(requested.status()).as(requested.body().toString()).isEqualTo(202);

      String waiting =
          scrapeUntil(
              prometheus,
              ONE_GENERATION_WAITING.asPredicate().and(TEMPORAL_SDK_METRIC.asPredicate()));
      assertThat(waiting).contains("# TYPE keyward_approvals_oldest_wait_seconds gauge");
      assertThat(waiting).contains("keyward_break_glass_sessions_active 0.0");

      ceremony.decide("olivia", "APPROVE");
      ceremony.decide("lena", "APPROVE");
      ceremony.decide("kim", "GENERATE");
      ceremony.awaitPhase("AWAITING_VERIFICATION");

      String generated = scrapeUntil(prometheus, KEY_CREATED.asPredicate());
      assertThat(generated)
          .containsPattern(
              "(?m)^keyward_key_operation_seconds_bucket\\{operation=\"create\",outcome=\"ok\","
                  + "provider=\"[a-z0-9-]+\",le=\"0\\.1\"\\} [01]$");
      assertThat(generated)
          .doesNotContain("settlement-signing")
          .doesNotContain("Signing payment batches")
          .doesNotContain("alice");

      DemoUserHttp.Answer health = new DemoUserHttp(keyward.adminUri()).get("alice", "healthcheck");
      assertThat(health.status()).as(health.body().toString()).isEqualTo(200);
      List<String> providerChecks = providerChecks(health.body());
      assertThat(providerChecks).isNotEmpty();
      for (String check : providerChecks) {
        assertThat(health.body().path(check).path("healthy").asBoolean()).as(check).isTrue();
      }
    }
  }

  /**
   * The rotation success rate and the time to disable (runbook 12.1) after a key that is due at
   * once is rotated automatically, and is then reported compromised and disabled.
   */
  @Test
  void scrapesTheRotationOutcomeAndTheTimeToDisableAfterARotationAndACompromise() throws Exception {
    try (LocalKeyward keyward =
        LocalKeyward.start(DevServerSettings.onFreePorts(dataDir, cli), Map.of())) {
      DemoUserHttp api = new DemoUserHttp(keyward.apiUri());
      URI prometheus = keyward.adminUri().resolve("prometheus");
      GenerationOverHttp ceremony = new GenerationOverHttp(api, "kv-metrics/orders-db");

      // Valid for 30 days, so due for rotation (30 days before expiry) as soon as it is registered.
      DemoUserHttp.Answer requested =
          api.post("alice", "/api/generations", confidentialKeyValidFor30Days());
      assertThat(requested.status()).as(requested.body().toString()).isEqualTo(202);
      ceremony.awaitPhase("AWAITING_APPROVAL");
      ceremony.decide("olivia", "APPROVE");
      ceremony.awaitPhase("AWAITING_GENERATION");
      ceremony.decide("kim", "GENERATE");
      ceremony.awaitPhase("AWAITING_VERIFICATION");
      ceremony.decide("kai", "VERIFY");
      ceremony.awaitPhase("AWAITING_REGISTRATION");
      ceremony.decide("sam", "REGISTER");
      ceremony.awaitPhase("REGISTERED");

      String rotated = scrapeUntil(prometheus, ROTATED_AUTOMATICALLY.asPredicate());
      assertThat(rotated).contains("# TYPE keyward_rotations_total counter");
      assertThat(rotated)
          .doesNotContainPattern("(?m)^keyward_rotations_total\\{.*FAILED.*\\} [1-9]");

      DemoUserHttp.Answer reported =
          api.post(
              "sol",
              "/api/compromises",
              Map.of(
                  "incident",
                  "INC0050001",
                  "vault",
                  "kv-metrics",
                  "name",
                  "orders-db",
                  "severity",
                  "P1",
                  "summary",
                  "key material seen in a public paste"));
      assertThat(reported.status()).as(reported.body().toString()).isEqualTo(202);

      String disabled = scrapeUntil(prometheus, ONE_KEY_DISABLED.asPredicate());
      Matcher sum = TIME_TO_DISABLE_SUM.matcher(disabled);
      assertThat(sum.find()).as(keywardLines(disabled).toString()).isTrue();
      double seconds = Double.parseDouble(sum.group(1));
      assertThat(seconds).as("disabled after the report, within the 15-minute SLO").isPositive();
      assertThat(seconds).isLessThan(Duration.ofMinutes(15).toSeconds());
      assertThat(disabled).doesNotContain("orders-db").doesNotContain("INC0050001");
    }
  }

  private String scrapeUntil(URI prometheus, Predicate<String> seen) throws Exception {
    long deadline = System.nanoTime() + SCRAPE_WAIT.toNanos();
    String body;
    do {
      HttpResponse<String> scraped =
          http.send(
              HttpRequest.newBuilder(prometheus).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(scraped.statusCode()).isEqualTo(200);
      assertThat(scraped.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
      body = scraped.body();
      if (seen.test(body)) {
        return body;
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(
        "not scraped within " + SCRAPE_WAIT + "; the keyward_ lines: " + keywardLines(body));
  }

  private static List<String> keywardLines(String body) {
    return body.lines()
        .filter(l -> l.startsWith("keyward_") || l.startsWith("temporal_request"))
        .toList();
  }

  private static List<String> providerChecks(JsonNode health) {
    List<String> names = new java.util.ArrayList<>();
    health
        .fieldNames()
        .forEachRemaining(
            n -> {
              if (n.startsWith("provider-")) {
                names.add(n);
              }
            });
    return names;
  }

  private static Map<String, Object> confidentialKeyValidFor30Days() {
    return Map.of(
        "vault",
        "kv-metrics",
        "name",
        "orders-db",
        "classification",
        "CONFIDENTIAL",
        "spec",
        Map.of(
            "type",
            "EC",
            "curve",
            "P_384",
            "operations",
            List.of("SIGN", "VERIFY"),
            "validityDays",
            30),
        "justification",
        "Encrypting the orders database");
  }

  private static Map<String, Object> secretKeyRequest() {
    return Map.of(
        "vault",
        "kv-metrics",
        "name",
        "settlement-signing",
        "classification",
        "SECRET",
        "spec",
        Map.of("type", "EC", "curve", "P_384", "operations", List.of("SIGN", "VERIFY")),
        "justification",
        "Signing payment batches for the settlement service");
  }
}
