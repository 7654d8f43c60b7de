package io.keyward.api.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.api.RunningKeyward;
import io.keyward.api.RunningKeyward.Reply;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.ProtectionLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys under policy over real HTTP (runbook 6.1, 6.2, 6.3): the dependency map, enrolment in
 * automatic rotation, the approval gate and the reconciliation started on demand.
 */
class KeysApiTest {
  @TempDir static Path data;

  private static RunningKeyward keyward;

  @BeforeAll
  static void start() throws Exception {
    keyward = RunningKeyward.start(data);
  }

  @AfterAll
  static void stop() {
    keyward.close();
  }

  @Test
  void keepsTheDependencyMapOfAKeyAndAuditsEachChange() {
    String path = "/api/keys/kv-map/card-signing/dependents";
    keyward.registerKey(
        new KeyRef("kv-map", "card-signing"),
        Classification.CONFIDENTIAL,
        KeyUsage.APPLICATION,
        "alice");

    Reply replaced =
        keyward.put(
            "alice",
            path,
            """
            [{"application": "payment-gateway", "owner": "alice", "contact": "#payments"},
             {"application": "ledger", "owner": "alice", "contact": "ledger@example.com"}]""");

    assertThat(replaced.status()).isEqualTo(200);
    assertThat(keyward.get("audrey", path).body())
        .extracting(d -> d.get("application").asText())
        .containsExactly("payment-gateway", "ledger");
    assertThat(keyward.get("audrey", "/api/keys/dependents").body().get("kv-map/card-signing"))
        .hasSize(2);
    assertThat(keyward.audit().recordsFor("dependencies/kv-map/card-signing"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.event().type()).isEqualTo("DEPENDENCY_MAP_UPDATED");
              assertThat(r.event().actor()).isEqualTo("alice");
              assertThat(r.event().details()).containsEntry("after", "payment-gateway, ledger");
            });
    assertThat(keyward.stores().dependencyMap().dependentsOf(new KeyRef("kv-map", "card-signing")))
        .as("what the worker reads")
        .extracting(KeyDependent::application)
        .containsExactly("payment-gateway", "ledger");
  }

  @Test
  void refusesADependencyMapChangeByAnAuditorOrWithIncompleteEntries() {
    String path = "/api/keys/kv-map/other-key/dependents";

    Reply auditor =
        keyward.put(
            "audrey", path, "[{\"application\": \"x\", \"owner\": \"a\", \"contact\": \"c\"}]");
    assertThat(auditor.status()).isEqualTo(403);
    assertThat(auditor.body().get("message").asText())
        .startsWith("audrey may not change the dependency map");
    Reply incomplete =
        keyward.put("olivia", path, "[{\"application\": \"x\", \"owner\": \"alice\"}]");
    assertThat(incomplete.status()).isEqualTo(400);
    assertThat(incomplete.body().get("message").asText())
        .isEqualTo("dependents[0].contact is required: an address or channel to notify");
    assertThat(keyward.get("olivia", path).body()).isEmpty();
  }

  @Test
  void enrolsAKeyInAutomaticRotationAndShowsItsNextAction() {
    KeyRef key = existingKey("orders-api", Duration.ofDays(200));
    keyward.registerKey(key, Classification.RESTRICTED, KeyUsage.API_KEY, "alice");
    String path = "/api/keys/kv-keys/orders-api/lifecycle";

    Reply enrolled =
        keyward.post(
            "olivia", path, "{\"usage\": \"API_KEY\", \"classification\": \"RESTRICTED\"}");

    assertThat(enrolled.status()).isEqualTo(202);
    assertThat(enrolled.body().get("workflowId").asText())
        .isEqualTo("lifecycle/kv-keys/orders-api");
    JsonNode state = await(path, s -> "WAITING_TO_ROTATE".equals(s.get("phase").asText()));
    assertThat(state.get("mode").asText()).isEqualTo("AUTOMATIC");
    assertThat(state.get("rotationInterval").asText()).isEqualTo("P6M");
    assertThat(state.get("nextAction").asText()).isEqualTo("ROTATE");
    Instant expires = keyward.keys().listVersions(key).get(0).expires();
    assertThat(Instant.parse(state.get("nextActionAt").asText()))
        .isEqualTo(expires.minus(Duration.ofDays(30)));
    assertThat(state.get("enrolledBy").asText()).isEqualTo("olivia");
    var attributes =
        keyward.describe("lifecycle/kv-keys/orders-api").orElseThrow().getTypedSearchAttributes();
    assertThat(attributes.get(KeywardSearchAttributes.KIND)).isEqualTo("KeyLifecycle");
    assertThat(attributes.get(KeywardSearchAttributes.DUE_AT).toInstant())
        .isEqualTo(expires.minus(Duration.ofDays(30)));

    Reply again = keyward.post("kim", path, "{\"usage\": \"API_KEY\"}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("started").asBoolean()).isFalse();
    assertThat(again.body().get("runId").asText()).isEqualTo(enrolled.body().get("runId").asText());
    Reply noGate = keyward.post("lena", path + "/decisions", "{\"decision\": \"APPROVE\"}");
    assertThat(noGate.status()).isEqualTo(409);
    assertThat(noGate.body().get("message").asText())
        .contains("no rotation of kv-keys/orders-api waits for approval");
  }

  @Test
  void refusesAnEnrolmentByAnApplicationOwnerOrWithoutAUsage() {
    String path = "/api/keys/kv-keys/refused/lifecycle";

    Reply owner = keyward.post("alice", path, "{\"usage\": \"API_KEY\"}");
    assertThat(owner.status()).isEqualTo(403);
    assertThat(owner.body().get("message").asText())
        .startsWith("alice may not enrol keys in automatic rotation");
    Reply noUsage = keyward.post("olivia", path, "{}");
    assertThat(noUsage.status()).isEqualTo(400);
    assertThat(noUsage.body().get("message").asText())
        .startsWith("kv-keys/refused is not in the key register, so its usage is required: one of");
    assertThat(keyward.get("olivia", path).status()).isEqualTo(404);
  }

  @Test
  void refusesARootCaKeyEnrolledBelowUltra() {
    String path = "/api/keys/kv-keys/root-ca-key/lifecycle";

    Reply refused =
        keyward.post("olivia", path, "{\"usage\": \"ROOT_CA\", \"classification\": \"SECRET\"}");

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body().get("violations").get(0).get("rule").asText())
        .isEqualTo("root-ca-ultra");
    assertThat(refused.body().get("violations").get(0).get("message").asText())
        .isEqualTo("a root CA key is ULTRA (runbook 2.1, Appendix A), not SECRET");
    assertThat(keyward.get("olivia", path).status()).isEqualTo(404);
  }

  @Test
  void refusesADependencyMapChangeByAnApplicationOwnerWhoDoesNotOwnTheKey() {
    keyward.registerKey(
        new KeyRef("kv-map", "not-hers"), Classification.SECRET, KeyUsage.DATABASE_TDE, "andy");
    String body = "[{\"application\": \"x\", \"owner\": \"alice\", \"contact\": \"c\"}]";

    for (String path :
        List.of(
            "/api/keys/kv-map/not-hers/dependents", "/api/keys/kv-map/unregistered/dependents")) {
      Reply refused = keyward.put("alice", path, body);
      assertThat(refused.status()).as(path).isEqualTo(403);
      assertThat(refused.body().get("message").asText())
          .contains("or the key's accountable owner in the key register");
      assertThat(keyward.get("olivia", path).body()).as(path).isEmpty();
    }
    assertThat(keyward.put("olivia", "/api/keys/kv-map/not-hers/dependents", body).status())
        .isEqualTo(200);
  }

  @Test
  void enrolmentOfARegisteredSecretKeyAsRestrictedKeepsItSecret() {
    KeyRef key = existingKey("secret-tde", Duration.ofDays(200));
    keyward.registerKey(key, Classification.SECRET, KeyUsage.DATABASE_TDE, "alice");
    String path = "/api/keys/kv-keys/secret-tde/lifecycle";

    for (String body :
        List.of(
            "{\"usage\": \"API_KEY\", \"classification\": \"RESTRICTED\"}",
            "{\"classification\": \"RESTRICTED\"}",
            "{\"usage\": \"API_KEY\"}")) {
      Reply lowered = keyward.post("olivia", path, body);
      assertThat(lowered.status()).as(body).isEqualTo(422);
      assertThat(lowered.body().get("violations").get(0).get("rule").asText())
          .isEqualTo("facts-from-register");
    }
    assertThat(keyward.get("olivia", path).status()).isEqualTo(404);

    assertThat(keyward.post("olivia", path, "{}").status()).isEqualTo(202);
    JsonNode state =
        await(
            path,
            s ->
                "AWAITING_ROTATION_APPROVAL".equals(s.get("phase").asText())
                    || "WAITING_TO_ROTATE".equals(s.get("phase").asText()));
    assertThat(state.get("classification").asText()).isEqualTo("SECRET");
    assertThat(state.get("usage").asText()).isEqualTo("DATABASE_TDE");
    assertThat(state.get("mode").asText()).isEqualTo("APPROVAL_GATE");
  }

  @Test
  void aKeyTheRegisterDoesNotHoldIsEnrolledAsUltra() {
    existingKey("found-api", Duration.ofDays(200));
    String path = "/api/keys/kv-keys/found-api/lifecycle";

    Reply lowered =
        keyward.post(
            "olivia", path, "{\"usage\": \"API_KEY\", \"classification\": \"RESTRICTED\"}");
    assertThat(lowered.status()).isEqualTo(422);
    assertThat(lowered.body().get("violations").get(0).get("message").asText())
        .contains("counts as ULTRA");

    assertThat(keyward.post("olivia", path, "{\"usage\": \"API_KEY\"}").status()).isEqualTo(202);
    JsonNode state =
        await(path, s -> s.get("currentVersion") != null && !s.get("currentVersion").isNull());
    assertThat(state.get("classification").asText()).isEqualTo("ULTRA");
    assertThat(state.get("mode").asText()).isEqualTo("MANUAL");
  }

  @Test
  void showsAKeysFactsAndTheirHistoryToKeyManagementAndItsOwnerOnly() {
    KeyRef key = new KeyRef("kv-keys", "shown-key");
    keyward.registerKey(key, Classification.SECRET, KeyUsage.DATABASE_TDE, "alice");
    String path = "/api/keys/kv-keys/shown-key";

    for (String reader : List.of("olivia", "audrey", "alice")) {
      Reply shown = keyward.get(reader, path);
      assertThat(shown.status()).as(reader).isEqualTo(200);
      assertThat(shown.body().at("/facts/classification").asText()).isEqualTo("SECRET");
      assertThat(shown.body().at("/facts/owner/person").asText()).isEqualTo("alice");
      assertThat(shown.body().at("/facts/changedBy/CLASSIFICATION").asText())
          .isEqualTo("keygen/kv-keys/shown-key");
      assertThat(shown.body().get("history"))
          .extracting(c -> c.get("fact").asText())
          .contains("CLASSIFICATION", "USAGE", "OWNER", "STATE");
    }
    for (String outsider : List.of("tara", "bob")) {
      assertThat(keyward.get(outsider, path).status()).as(outsider).isEqualTo(403);
      assertThat(keyward.get(outsider, "/api/keys/kv-keys/never-registered").status())
          .as(outsider + ": existence is not told")
          .isEqualTo(403);
    }
    Reply unknown = keyward.get("olivia", "/api/keys/kv-keys/never-registered");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().get("message").asText()).contains("counts as ULTRA");
  }

  @Test
  void theClassificationCeremonyDecidesAtTheQuorumOfTheHigherClassification() {
    KeyRef key = new KeyRef("kv-keys", "lowered-key");
    keyward.registerKey(key, Classification.SECRET, KeyUsage.DATABASE_TDE, "alice");
    String path = "/api/keys/kv-keys/lowered-key/classification";

    assertThat(keyward.post("audrey", path, LOWER_TO_PUBLIC).status()).isEqualTo(403);
    Reply rootCa =
        keyward.post(
            "alice",
            path,
            "{\"classification\": \"SECRET\", \"usage\": \"ROOT_CA\", \"justification\": \"x\"}");
    assertThat(rootCa.status()).isEqualTo(422);
    Reply requested = keyward.post("alice", path, LOWER_TO_PUBLIC);
    assertThat(requested.status()).isEqualTo(202);
    await(path, s -> "AWAITING_APPROVAL".equals(s.get("phase").asText()));

    Reply teamLead = keyward.post("tara", path + "/decisions", "{\"decision\": \"APPROVE\"}");
    assertThat(teamLead.status())
        .as("a team lead approves no SECRET change, so has no part in it: the 403 of reading it")
        .isEqualTo(403);
    Reply custodian = keyward.post("kim", path + "/decisions", "{\"decision\": \"APPROVE\"}");
    assertThat(custodian.status()).isEqualTo(409);
    assertThat(custodian.body().get("message").asText())
        .contains("holds none of the roles that approve for a SECRET key");
    Reply requester = keyward.post("alice", path + "/decisions", "{\"decision\": \"APPROVE\"}");
    assertThat(requester.status()).isEqualTo(409);
    assertThat(requester.body().get("message").asText()).contains("alice requested this change");
    assertThat(keyward.post("olivia", path + "/decisions", "{\"decision\": \"APPROVE\"}").status())
        .isEqualTo(200);
    assertThat(
            keyward
                .get("olivia", "/api/keys/kv-keys/lowered-key")
                .body()
                .at("/facts/classification")
                .asText())
        .as("one approval of two changes nothing")
        .isEqualTo("SECRET");
    assertThat(keyward.post("lena", path + "/decisions", "{\"decision\": \"APPROVE\"}").status())
        .isEqualTo(200);

    await(path, s -> "RECORDED".equals(s.get("phase").asText()));
    JsonNode facts = keyward.get("olivia", "/api/keys/kv-keys/lowered-key").body();
    assertThat(facts.at("/facts/classification").asText()).isEqualTo("PUBLIC");
    assertThat(facts.at("/facts/changedBy/CLASSIFICATION").asText())
        .isEqualTo("classification/kv-keys/lowered-key");
    assertThat(keyward.get("tara", path).status()).isEqualTo(403);
  }

  private static final String LOWER_TO_PUBLIC =
      "{\"classification\": \"PUBLIC\", \"usage\": \"APPLICATION\","
          + " \"justification\": \"it only verifies public signatures\"}";

  @Test
  void aReconciliationOnDemandEnrolsKeysNearExpiry() {
    existingKey("expiring-soon", Duration.ofDays(20));
    existingKey("expiring-later", Duration.ofDays(300));

    Reply started = keyward.post("kai", "/api/keys/reconciliations", "");

    assertThat(started.status()).isEqualTo(202);
    JsonNode done =
        await(
            "/api/keys/reconciliations/on-demand",
            s -> "COMPLETED".equals(s.get("status").asText()));
    assertThat(done.at("/report/enrolled"))
        .extracting(JsonNode::asText)
        .contains("kv-keys/expiring-soon")
        .doesNotContain("kv-keys/expiring-later");
    JsonNode lifecycle =
        await(
            "/api/keys/kv-keys/expiring-soon/lifecycle",
            s -> s.get("currentVersion") != null && !s.get("currentVersion").isNull());
    assertThat(lifecycle.get("enrolledBy").asText()).isEqualTo("reconciliation (kai)");
    assertThat(keyward.post("alice", "/api/keys/reconciliations", "").status()).isEqualTo(403);
  }

  private static KeyRef existingKey(String name, Duration validFor) {
    KeyRef key = new KeyRef("kv-keys", name);
    Instant now = Instant.now();
    keyward
        .keys()
        .create(
            new CreateKeyCommand(
                key,
                new KeySpec(
                    KeyType.EC,
                    null,
                    io.keyward.workflows.policy.EcCurve.P_256,
                    Set.of(KeyOperation.SIGN, KeyOperation.VERIFY),
                    null,
                    null),
                ProtectionLevel.STANDARD_KEY_VAULT,
                new KeyAttributes(
                    Set.of(KeyOperation.SIGN, KeyOperation.VERIFY),
                    now,
                    now.plus(validFor),
                    true,
                    Map.of("Classification", "RESTRICTED")),
                "existing/" + key));
    return key;
  }

  private static JsonNode await(String path, Predicate<JsonNode> condition) {
    JsonNode body = null;
    for (int attempt = 0; attempt < 600; attempt++) {
      Reply reply = keyward.get("olivia", path);
      body = reply.body();
      if (reply.status() == 200 && condition.test(body)) {
        return body;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("condition never met at " + path + ", last " + body);
  }
}
