package io.keyward.api.edges;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.keyward.activities.integration.RecordingHttpServer;
import io.keyward.activities.integration.RecordingHttpServer.Answer;
import io.keyward.api.RunningKeyward;
import io.keyward.api.RunningKeyward.Reply;
import io.keyward.api.edges.ApiCalls.Call;
import io.keyward.api.hostile.EdgeEffects;
import io.keyward.api.hostile.EdgeProbe;
import io.keyward.api.hostile.EdgeProbe.Outcome;
import io.keyward.api.hostile.QuickDemoUsers;
import io.keyward.api.hostile.RawHttp;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.ProtectionLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile input at the API's edges, over real HTTP against the running application (the real
 * Dropwizard application, the in-process Temporal server, the real workflows and the JSON-lines
 * audit trail, as {@link RunningKeyward} runs them): every route of the JSON API (bodies, path
 * segments, query strings, the headers it reads), the ServiceNow webhook and Slack's interactions
 * endpoint (signature and timestamp headers, form and JSON encodings, sizes, bytes that are not
 * UTF-8). Generated inputs come from {@link io.keyward.api.hostile.HostileInput}, {@link
 * io.keyward.api.hostile.HostileJson} and {@link io.keyward.api.hostile.HostileForm}.
 *
 * <p>For every request: no answer is a 5xx; a refusal (4xx) starts no workflow, sends no Update a
 * workflow takes, closes nothing, and writes nothing to the audit trail but at most its own {@code
 * *_REFUSED} record by the authenticated person (checked against every execution the Temporal test
 * server lists and the new lines of the audit file); its JSON body says what was wrong; no answer
 * echoes a webhook secret, a password, a bearer token or an Authorization value. A request that was
 * taken is let settle before the next one.
 *
 * <p>7,300 requests per run, with fixed seeds ({@link #SEED}), so every run sends the same
 * requests. When a property fails, jqwik prints the seed, the shrunk falsifying request and the
 * original one, and keeps the failing sample in {@code target/jqwik-database}, so the next run
 * tries it first. Replay it with {@code ./mvnw -B -o -pl starter-api -am verify
 * -Dtest='HostileEdgesFuzzTest' -Dsurefire.failIfNoSpecifiedTests=false}; to explore other inputs,
 * change {@link #SEED} (or put another {@code seed} on one property) and run the same command. The
 * tries per property are in the annotations.
 */
class HostileEdgesFuzzTest {
  /** The seed of every property here: the same requests on every run. */
  static final String SEED = "20261203";

  private static Path data;
  private static RecordingHttpServer slackHooks;
  private static RunningKeyward keyward;
  private static EdgeProbe probe;

  @BeforeContainer
  static void start() throws Exception {
    data = Files.createTempDirectory("keyward-edges");
    slackHooks = new RecordingHttpServer(request -> new Answer(200, "ok"));
    Path snowSecret =
        Files.writeString(data.resolve("snow-secret"), WebhookCalls.SERVICENOW_SECRET);
    Path slackSecret = Files.writeString(data.resolve("slack-secret"), WebhookCalls.SLACK_SECRET);
    List<ConfigOverride> overrides = new ArrayList<>();
    overrides.add(
        ConfigOverride.config("directory.usersFile", QuickDemoUsers.write(data).toString()));
    // Out of reach, so that every refused decision reaches its ceremony's validator; the
    // throttle has tests of its own (RefusalThrottleTest).
    overrides.add(ConfigOverride.config("ceremony.refusalLimit", "1000000"));
    overrides.add(ConfigOverride.config("directory.signInLimit", "1000000"));
    overrides.add(ConfigOverride.config("servicenow.webhookSecretFile", snowSecret.toString()));
    WebhookCalls.SERVICENOW_USERS.forEach(
        (snow, id) -> overrides.add(ConfigOverride.config("servicenow.users." + snow, id)));
    overrides.add(ConfigOverride.config("slack.signingSecretFile", slackSecret.toString()));
    overrides.add(ConfigOverride.config("slack.uiBaseUrl", "http://keyward.test"));
    overrides.add(ConfigOverride.config("slack.responseUrlPrefix", responseUrlPrefix()));
    WebhookCalls.SLACK_USERS.forEach(
        (slack, id) -> overrides.add(ConfigOverride.config("slack.users." + slack, id)));
    keyward =
        RunningKeyward.start(data, audit -> List.of(), overrides.toArray(ConfigOverride[]::new));
    EdgeEffects effects =
        new EdgeEffects(keyward.client().getWorkflowServiceStubs(), "default", keyward.audit());
    List<String> secrets = new ArrayList<>(ApiCalls.secrets());
    secrets.add(WebhookCalls.SERVICENOW_SECRET);
    secrets.add(WebhookCalls.SLACK_SECRET);
    probe = new EdgeProbe(new RawHttp(keyward.port()), effects, secrets);
    setUpCeremonies();
    probe.settle();
  }

  /**
   * What the valid paths name: a SECRET generation waiting for approval, a planned rotation and a
   * lifecycle of an existing key, a break-glass session and a compromise response, and one record
   * of each ServiceNow kind (so that later valid deliveries are duplicates).
   */
  private static void setUpCeremonies() {
    existingKey(ApiCalls.ROTATED);
    existingKey(ApiCalls.LEAKED);
    existingKey("snow-rot");
    existingKey("snow-leak");
    String later = LocalDate.now(ZoneOffset.UTC).plusDays(40).toString();
    accepted(
        keyward.post(
            "alice",
            "/api/generations",
            ApiCalls.generationBody(ApiCalls.VAULT, ApiCalls.GENERATED)));
    accepted(keyward.post("olivia", "/api/rotations", ApiCalls.rotationBody(later)));
    accepted(
        keyward.post(
            "olivia",
            "/api/keys/kv-fuzz/rot/lifecycle",
            "{\"usage\":\"API_KEY\",\"classification\":\"RESTRICTED\"}"));
    accepted(keyward.post("lena", "/api/break-glass", ApiCalls.ROUTES.get(17).body()));
    accepted(keyward.post("sol", "/api/compromises", ApiCalls.ROUTES.get(24).body()));
    for (String delivery : WebhookCalls.deliveries()) {
      byte[] body = delivery.getBytes(StandardCharsets.UTF_8);
      String now = Long.toString(Instant.now().getEpochSecond());
      accepted(
          keyward.deliver(
              WebhookCalls.SERVICENOW,
              Map.of(
                  "Content-Type",
                  "application/json",
                  "X-Keyward-Timestamp",
                  now,
                  "X-Keyward-Signature",
                  "sha256=" + WebhookCalls.hmac(WebhookCalls.SERVICENOW_SECRET, now + ".", body)),
              body));
    }
  }

  private static void accepted(Reply reply) {
    assertThat(reply.status()).as("set-up: %s", reply.raw().body()).isBetween(200, 299);
  }

  private static void existingKey(String name) {
    Instant now = Instant.now();
    KeyRef key = new KeyRef(ApiCalls.VAULT, name);
    keyward.registerKey(key, Classification.RESTRICTED, KeyUsage.API_KEY, "alice");
    Set<KeyOperation> operations = Set.of(KeyOperation.ENCRYPT, KeyOperation.DECRYPT);
    keyward
        .keys()
        .create(
            new CreateKeyCommand(
                key,
                new KeySpec(KeyType.AES, 256, null, operations, null, null),
                ProtectionLevel.MANAGED_HSM,
                new KeyAttributes(
                    operations,
                    now,
                    now.plus(Duration.ofDays(365)),
                    true,
                    Map.of("Classification", "SECRET")),
                "existing/" + key));
  }

  private static String responseUrlPrefix() {
    return slackHooks.baseUrl() + "/actions/";
  }

  @AfterContainer
  static void stop() throws IOException {
    try {
      System.out.println("HostileEdgesFuzzTest: " + probe.summary());
      assertThat(keyward.audit().verify().intact()).as("the audit chain is intact").isTrue();
    } finally {
      keyward.close();
      slackHooks.close();
      try (Stream<Path> files = Files.walk(data)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  /** A JSON API call checked as every edge promises, with a JSON error body when refused. */
  private static void checkJsonApi(Call call) {
    Outcome outcome = probe.check(call.edge(), call.request(), call.actor());
    if (outcome.refused()) {
      EdgeProbe.requireJsonErrorBody(outcome);
    }
  }

  @Group
  class JsonApi {
    @Property(tries = 1200, seed = SEED)
    void refusesHostileBodiesOnEveryRoute(@ForAll("bodies") Call call) {
      checkJsonApi(call);
    }

    @Property(tries = 1500, seed = SEED)
    void refusesHostilePathSegmentsAndQueries(@ForAll("paths") Call call) {
      checkJsonApi(call);
    }

    @Property(tries = 1000, seed = SEED)
    void refusesHostileCredentialsAndContentHeaders(@ForAll("headers") Call call) {
      checkJsonApi(call);
    }

    @Provide
    Arbitrary<Call> bodies() {
      return ApiCalls.hostileBodies();
    }

    @Provide
    Arbitrary<Call> paths() {
      return ApiCalls.hostilePaths();
    }

    @Provide
    Arbitrary<Call> headers() {
      return ApiCalls.hostileHeaders();
    }
  }

  @Group
  class ServiceNowWebhook {
    @Property(tries = 1200, seed = SEED)
    void refusesDeliveriesItDidNotSign(@ForAll("forged") Call call) {
      Outcome outcome = probe.check(call.edge(), call.request(), null);
      if (outcome.refused()) {
        EdgeProbe.requireJsonErrorBody(outcome);
      }
    }

    @Property(tries = 1200, seed = SEED)
    void refusesHostileSignedDeliveries(@ForAll("signed") Call call) {
      Outcome outcome = probe.check(call.edge(), call.request(), null);
      if (outcome.refused()) {
        EdgeProbe.requireJsonErrorBody(outcome);
      }
    }

    @Provide
    Arbitrary<Call> forged() {
      return WebhookCalls.forgedServiceNowDeliveries();
    }

    @Provide
    Arbitrary<Call> signed() {
      return WebhookCalls.signedServiceNowDeliveries();
    }
  }

  @Group
  class SlackWebhook {
    @Property(tries = 800, seed = SEED)
    void refusesClicksItDidNotSign(@ForAll("forged") Call call) {
      Outcome outcome = probe.check(call.edge(), call.request(), null);
      assertThat(outcome.status()).as(outcome.report()).isBetween(400, 499);
      EdgeProbe.requireJsonErrorBody(outcome);
    }

    @Property(tries = 400, seed = SEED)
    void takesOrRefusesHostileSignedClicksWithoutServerErrors(@ForAll("signed") Call call) {
      Outcome outcome = probe.check(call.edge(), call.request(), null);
      if (outcome.refused()) {
        EdgeProbe.requireJsonErrorBody(outcome);
      }
    }

    @Provide
    Arbitrary<Call> forged() {
      return WebhookCalls.forgedSlackClicks(responseUrlPrefix() + "1");
    }

    @Provide
    Arbitrary<Call> signed() {
      return WebhookCalls.signedSlackClicks(responseUrlPrefix() + "2");
    }
  }
}
