package io.keyward.api.generation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.api.RunningKeyward;
import io.keyward.api.RunningKeyward.Reply;
import io.keyward.api.refusal.Refusals;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.generation.GenerationPhase;
import io.temporal.client.WorkflowExecutionDescription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generation API over real HTTP against the running application, the in-process Temporal server
 * and the real workflow with the software key provider: runbook 3.3 as people drive it.
 */
class GenerationApiTest {
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
  void drivesASecretKeyFromRequestToRegisteredOverHttp() {
    Reply requested =
        keyward.post(
            "alice",
            "/api/generations",
            body("kv-payments", "card-signing", "SECRET", "RSA", 3072, "[\"SIGN\",\"VERIFY\"]"));

    assertThat(requested.status()).isEqualTo(202);
    assertThat(requested.body().get("workflowId").asText())
        .isEqualTo("keygen/kv-payments/card-signing");
    assertThat(requested.body().get("runId").asText()).isNotBlank();
    String statusUrl = requested.body().get("statusUrl").asText();
    assertThat(statusUrl).isEqualTo("/api/generations/kv-payments/card-signing");
    assertThat(requested.header("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith(statusUrl));

    JsonNode waiting = keyward.get("olivia", statusUrl).body();
    // Who reads it: the requester, the roles that decide it, auditors; not a board member or a
    // team lead with no part in it, neither its state nor its audit records.
    assertThat(keyward.get("alice", statusUrl).status()).isEqualTo(200);
    assertThat(keyward.get("audrey", statusUrl + "/audit").status()).isEqualTo(200);
    for (String outsider : List.of("bob", "tara")) {
      Reply state = keyward.get(outsider, statusUrl);
      assertThat(state.status()).as(outsider).isEqualTo(403);
      assertThat(state.body().get("message").asText())
          .isEqualTo(
              "the generation request for kv-payments/card-signing is visible to its requester,"
                  + " its participants, the roles that decide it and security auditors");
      assertThat(state.raw().body()).doesNotContain("justification");
      assertThat(keyward.get(outsider, statusUrl + "/audit").status()).as(outsider).isEqualTo(403);
    }
    assertThat(waiting.get("phase").asText()).isEqualTo("AWAITING_APPROVAL");
    assertThat(waiting.at("/request/requester/id").asText()).isEqualTo("alice");
    assertThat(waiting.at("/policy/quorum").asInt()).isEqualTo(2);
    assertThat(waiting.at("/request/stepTimeout").asText()).isEqualTo("PT72H");
    assertThat(waiting.get("stepDeadline").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.+Z");

    assertThat(decide("olivia", statusUrl, "APPROVE", "payments need it").status()).isEqualTo(200);
    Reply secondApproval = decide("lena", statusUrl, "APPROVE", "CHG0012345 reviewed");
    assertThat(secondApproval.status()).isEqualTo(200);
    assertThat(texts(secondApproval.body().get("approvers"))).containsExactly("olivia", "lena");

    awaitPhase(statusUrl, GenerationPhase.AWAITING_GENERATION);
    assertThat(decide("kim", statusUrl, "GENERATE", null).status()).isEqualTo(200);
    awaitPhase(statusUrl, GenerationPhase.AWAITING_VERIFICATION);
    assertThat(decide("kai", statusUrl, "VERIFY", "attributes match the spec").status())
        .isEqualTo(200);
    awaitPhase(statusUrl, GenerationPhase.AWAITING_REGISTRATION);
    assertThat(decide("sam", statusUrl, "REGISTER", "compliant").status()).isEqualTo(200);
    JsonNode registered = awaitPhase(statusUrl, GenerationPhase.REGISTERED);

    assertThat(registered.get("custodian1").asText()).isEqualTo("kim");
    assertThat(registered.get("custodian2").asText()).isEqualTo("kai");
    assertThat(registered.get("securityValidator").asText()).isEqualTo("sam");
    assertThat(registered.at("/keyVersion/enabled").asBoolean()).isTrue();
    assertThat(registered.at("/keyVersion/size").asInt()).isEqualTo(3072);

    Reply trail = keyward.get("carol", statusUrl + "/audit");
    assertThat(trail.status()).isEqualTo(200);
    List<String> types = new ArrayList<>();
    trail.body().forEach(record -> types.add(record.at("/event/type").asText()));
    assertThat(types)
        .containsSubsequence(
            "GENERATION_REQUESTED",
            "DECISION_APPROVE",
            "DECISION_APPROVE",
            "DECISION_GENERATE",
            "KEY_GENERATED",
            "DECISION_VERIFY",
            "KEY_ACTIVATED",
            "DECISION_REGISTER",
            "KEY_REGISTERED",
            "GENERATION_REGISTERED");
    assertThat(trail.body().get(0).at("/event/actor").asText()).isEqualTo("alice");
    assertThat(keyward.audit().verify())
        .satisfies(chain -> assertThat(chain.intact()).as(chain.toString()).isTrue());

    Reply late = decide("carol", statusUrl, "APPROVE", "too late");
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.body().get("message").asText())
        .isEqualTo("this request is closed (REGISTERED)");

    Reply again =
        keyward.post(
            "alice",
            "/api/generations",
            body("kv-payments", "card-signing", "SECRET", "RSA", 3072, "[\"SIGN\",\"VERIFY\"]"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().get("message").asText())
        .startsWith("kv-payments/card-signing was already generated and registered")
        .endsWith("rotate it instead (POST /api/rotations, or its lifecycle)");
    assertThat(keyward.get("carol", statusUrl).body().get("phase").asText())
        .isEqualTo("REGISTERED");
  }

  @Test
  void startsTheCeremonyWithSearchAttributesAndASummaryForTemporalWeb() {
    keyward.post(
        "alice",
        "/api/generations",
        bodyWithTicket("kv-web", "searchable", "CONFIDENTIAL", "CHG0000042"));

    WorkflowExecutionDescription described = keyward.describe("keygen/kv-web/searchable").get();
    var attributes = described.getTypedSearchAttributes();
    assertThat(attributes.get(KeywardSearchAttributes.KIND)).isEqualTo("KeyGeneration");
    assertThat(attributes.get(KeywardSearchAttributes.KEY_NAME)).isEqualTo("kv-web/searchable");
    assertThat(attributes.get(KeywardSearchAttributes.CLASSIFICATION)).isEqualTo("CONFIDENTIAL");
    assertThat(attributes.get(KeywardSearchAttributes.TICKET)).isEqualTo("CHG0000042");
    assertThat(attributes.get(KeywardSearchAttributes.PHASE)).isEqualTo("AWAITING_APPROVAL");
    assertThat(String.valueOf(described.getMemo("summary", String.class)))
        .contains("kv-web/searchable", "alice");
  }

  @Test
  void refusesRequestsWithoutCredentials() {
    Reply anonymous =
        keyward.post(null, "/api/generations", body("kv-anon", "k1", "SECRET", "RSA", 3072, null));

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).hasValue("Basic realm=\"keyward\"");
    assertThat(anonymous.body().get("code").asInt()).isEqualTo(401);
    assertThat(anonymous.body().get("message").asText()).contains("authentication required");
    assertThat(keyward.get(null, "/api/generations/kv-anon/k1").status()).isEqualTo(401);
    assertThat(keyward.get(null, "/api/generations/kv-anon/k1/audit").status()).isEqualTo(401);
    assertThat(
            keyward
                .post(null, "/api/generations/kv-anon/k1/decisions", "{\"decision\": \"APPROVE\"}")
                .status())
        .isEqualTo(401);
    assertThat(keyward.describe("keygen/kv-anon/k1")).isEmpty();
  }

  @Test
  void refusesAWrongPassword() {
    Reply wrong = keyward.getWithPassword("alice", "bob-demo-password", "/api/generations/kv-a/k");

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.header("WWW-Authenticate")).isPresent();
    assertThat(wrong.body().get("code").asInt()).isEqualTo(401);
  }

  @Test
  void rejectsAnUnknownClassificationWithoutStartingAnything() {
    Reply unknown =
        keyward.post(
            "alice",
            "/api/generations",
            body("kv-bad", "k-class", "TOP_SECRET", "RSA", 3072, null));

    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().get("message").asText())
        .contains("classification", "TOP_SECRET", "SECRET", "CONFIDENTIAL");
    assertThat(keyward.describe("keygen/kv-bad/k-class")).isEmpty();
  }

  @Test
  void rejectsRsa1024NamingTheRuleItBreaks() {
    Reply weak =
        keyward.post(
            "alice", "/api/generations", body("kv-bad", "k-rsa", "SECRET", "RSA", 1024, null));

    assertThat(weak.status()).isEqualTo(422);
    assertThat(weak.body().get("code").asInt()).isEqualTo(422);
    assertThat(weak.body().at("/violations/0/rule").asText()).isEqualTo("rsa-size");
    assertThat(weak.body().at("/violations/0/message").asText()).contains("1024", "runbook 3.1");
    assertThat(keyward.describe("keygen/kv-bad/k-rsa")).isEmpty();
  }

  @Test
  void rejectsARootCaKeyBelowUltraNamingAppendixA() {
    Reply rootCa =
        keyward.post(
            "alice",
            "/api/generations",
            body("kv-bad", "k-root", "SECRET", "RSA", 4096, null)
                .replace(
                    "\"operations\"", "\"tags\": {\"KeyUsage\": \"ROOT_CA\"}, \"operations\""));

    assertThat(rootCa.status()).isEqualTo(422);
    assertThat(rootCa.body().at("/violations/0/rule").asText()).isEqualTo("root-ca-ultra");
    assertThat(keyward.describe("keygen/kv-bad/k-root")).isEmpty();
  }

  @Test
  void rejectsMalformedJsonSayingWhereItBroke() {
    Reply malformed =
        keyward.post("alice", "/api/generations", "{\"vault\": \"kv-bad\", \"name\": \"k-json\",");

    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body().get("message").asText()).startsWith("malformed JSON at line 1");
    assertThat(keyward.describe("keygen/kv-bad/k-json")).isEmpty();
  }

  @Test
  void rejectsAFieldOfTheWrongShapeNamingTheField() {
    Reply wrongType =
        keyward.post(
            "alice",
            "/api/generations",
            body("kv-bad", "k-type", "SECRET", "RSA", 3072, null).replace("\"RSA\"", "\"DSA\""));

    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.body().get("message").asText())
        .isEqualTo("spec.type: 'DSA' is not one of [RSA, EC, AES, HMAC]");
    assertThat(keyward.describe("keygen/kv-bad/k-type")).isEmpty();
  }

  @Test
  void rejectsAnUnknownFieldOrASizeThatIsNotANumber() {
    Reply typo =
        keyward.post(
            "alice",
            "/api/generations",
            body("kv-bad", "k-typo", "SECRET", "RSA", 3072, null)
                .replace("\"justification\"", "\"justifcation\""));
    Reply notANumber =
        keyward.post(
            "alice",
            "/api/generations",
            body("kv-bad", "k-size", "SECRET", "RSA", 3072, null).replace("3072", "\"big\""));

    assertThat(typo.status()).isEqualTo(400);
    assertThat(typo.body().get("message").asText())
        .startsWith("unknown field 'justifcation'; known fields: ")
        .contains("justification");
    assertThat(notANumber.status()).isEqualTo(400);
    assertThat(notANumber.body().get("message").asText())
        .isEqualTo("spec.size: 'big' is not a number");
    assertThat(keyward.describe("keygen/kv-bad/k-typo")).isEmpty();
    assertThat(keyward.describe("keygen/kv-bad/k-size")).isEmpty();
  }

  @Test
  void answersAnUnknownPathWithAJsonError() {
    Reply nowhere = keyward.get("alice", "/api/nowhere");

    assertThat(nowhere.status()).isEqualTo(404);
    assertThat(nowhere.body().get("code").asInt()).isEqualTo(404);
  }

  @Test
  void rejectsAnInvalidKeyNameOrAMissingJustification() {
    Reply badVault =
        keyward.post("alice", "/api/generations", body("9vault", "k", "SECRET", "RSA", 3072, null));
    Reply noJustification =
        keyward.post(
            "alice",
            "/api/generations",
            body("kv-bad", "k-why", "SECRET", "RSA", 3072, null)
                .replace("\"justification\": \"card payments\"", "\"justification\": \"  \""));

    assertThat(badVault.status()).isEqualTo(400);
    assertThat(badVault.body().get("message").asText()).startsWith("vault must be");
    assertThat(noJustification.status()).isEqualTo(400);
    assertThat(noJustification.body().get("message").asText())
        .startsWith("justification is required");
    assertThat(keyward.describe("keygen/kv-bad/k-why")).isEmpty();
  }

  @Test
  void forbidsRequestsFromPeopleWithoutARequesterRole() {
    Reply refused =
        keyward.post("sam", "/api/generations", body("kv-sam", "k1", "SECRET", "RSA", 3072, null));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().get("message").asText()).startsWith("sam may not request keys");
    assertThat(keyward.describe("keygen/kv-sam/k1")).isEmpty();
  }

  @Test
  void answers404ForAnUnknownRequest() {
    Reply state = keyward.get("alice", "/api/generations/kv-none/nothing");
    Reply decision = decide("olivia", "/api/generations/kv-none/nothing", "APPROVE", null);
    Reply audit = keyward.get("alice", "/api/generations/kv-none/nothing/audit");

    assertThat(state.status()).isEqualTo(404);
    assertThat(state.body().get("message").asText())
        .isEqualTo("no generation request for kv-none/nothing");
    assertThat(decision.status()).isEqualTo(404);
    assertThat(audit.status()).isEqualTo(404);
    assertThat(keyward.audit().recordsFor("keygen/kv-none/nothing")).isEmpty();
  }

  @Test
  void refusesSelfApprovalWithTheWorkflowsWordsAndAuditsTheAttempt() {
    String url = request("alice", "kv-self", "own-key");

    Reply selfApproval = decide("alice", url, "APPROVE", "I trust myself");

    assertThat(selfApproval.status()).isEqualTo(409);
    String refusal = selfApproval.body().get("message").asText();
    assertThat(refusal)
        .isEqualTo(
            "alice requested this key and cannot decide on it (runbook 3.3: two-person"
                + " integrity)");
    assertThat(keyward.get("olivia", url).body().get("approvers")).isEmpty();
    AuditRecord refused =
        keyward.audit().recordsFor("keygen/kv-self/own-key").stream()
            .filter(r -> r.event().type().equals(Refusals.REFUSED))
            .findFirst()
            .orElseThrow();
    assertThat(refused.event().actor()).isEqualTo("alice");
    assertThat(refused.event().details())
        .containsEntry("attempt", "APPROVE")
        .containsEntry("refusal", refusal);
  }

  @Test
  void aPersonRefusedFiveTimesWithinAMinuteIsThrottledAndReachesNoCeremony() {
    String probed = request("alice", "kv-throttle", "probed");
    String waiting = request("alice", "kv-throttle", "waiting");

    for (int attempt = 0; attempt < 5; attempt++) {
      assertThat(decide("oscar", probed, "GENERATE", null).status()).isEqualTo(409);
    }
    // A decision the ceremony would take is not even sent while oscar is throttled.
    Reply throttled = decide("oscar", waiting, "APPROVE", "looks right");

    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.body().get("message").asText())
        .startsWith("oscar was refused 5 times within 60 seconds; further attempts are not sent");
    assertThat(keyward.get("olivia", waiting).body().get("approvers")).isEmpty();
    assertThat(decide("oscar", probed, "GENERATE", null).status()).isEqualTo(429);
    assertThat(keyward.audit().recordsFor("keygen/kv-throttle/probed"))
        .filteredOn(r -> r.event().type().equals(Refusals.REFUSED))
        .hasSize(5);
    assertThat(keyward.audit().recordsFor("keygen/kv-throttle/waiting"))
        .noneMatch(r -> r.event().actor().equals("oscar"));
  }

  @Test
  void takesIdentityFromTheCredentialsNeverFromTheBody() {
    String url = "/api/generations/kv-forge/forged";
    Reply requested =
        keyward.post(
            "alice",
            "/api/generations",
            body("kv-forge", "forged", "SECRET", "RSA", 3072, null)
                .replaceFirst(
                    "\\{", "{\"requester\": {\"id\": \"olivia\"}, \"actor\": \"olivia\", "));
    assertThat(requested.status()).isEqualTo(202);
    assertThat(keyward.get("alice", url).body().at("/request/requester/id").asText())
        .isEqualTo("alice");

    Reply laundered =
        keyward.post(
            "alice",
            url + "/decisions",
            "{\"decision\": \"APPROVE\", \"actor\": {\"id\": \"olivia\"}, \"reason\": \"ok\"}");
    Reply approved =
        keyward.post(
            "olivia", url + "/decisions", "{\"decision\": \"APPROVE\", \"actor\": \"lena\"}");

    assertThat(laundered.status()).isEqualTo(409);
    assertThat(laundered.body().get("message").asText()).startsWith("alice requested this key");
    assertThat(approved.status()).isEqualTo(200);
    assertThat(texts(approved.body().get("approvers"))).containsExactly("olivia");
  }

  @Test
  void answersTheRunningCeremonyForADuplicateRequest() {
    Reply first =
        keyward.post(
            "alice", "/api/generations", body("kv-dup", "twice", "SECRET", "RSA", 3072, null));
    Reply second =
        keyward.post(
            "olivia", "/api/generations", body("kv-dup", "twice", "SECRET", "RSA", 4096, null));

    assertThat(second.status()).isEqualTo(202);
    assertThat(second.body().get("workflowId").asText())
        .isEqualTo(first.body().get("workflowId").asText());
    assertThat(second.body().get("runId").asText()).isEqualTo(first.body().get("runId").asText());
    JsonNode state = keyward.get("alice", "/api/generations/kv-dup/twice").body();
    assertThat(state.at("/request/requester/id").asText()).isEqualTo("alice");
    assertThat(state.at("/request/spec/size").asInt()).isEqualTo(3072);
  }

  @Test
  void rejectsAnUnknownDecisionListingTheKnownOnes() {
    String url = request("alice", "kv-decide", "odd-decision");

    Reply maybe = keyward.post("olivia", url + "/decisions", "{\"decision\": \"MAYBE\"}");

    assertThat(maybe.status()).isEqualTo(400);
    assertThat(maybe.body().get("message").asText())
        .isEqualTo(
            "decision: 'MAYBE' is not one of [APPROVE, DENY, GENERATE, VERIFY, REJECT, REGISTER]");
    assertThat(keyward.get("olivia", url).body().get("approvers")).isEmpty();
  }

  @Test
  void reportsTemporalHealthyOnTheAdminPort() {
    Reply health = keyward.admin("/healthcheck");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().at("/temporal/healthy").asBoolean()).isTrue();
  }

  private static String request(String user, String vault, String name) {
    Reply started =
        keyward.post(user, "/api/generations", body(vault, name, "SECRET", "EC", null, null));
    assertThat(started.status()).isEqualTo(202);
    return started.body().get("statusUrl").asText();
  }

  private static Reply decide(String user, String statusUrl, String decision, String reason) {
    String json =
        reason == null
            ? "{\"decision\": \"%s\"}".formatted(decision)
            : "{\"decision\": \"%s\", \"reason\": \"%s\"}".formatted(decision, reason);
    return keyward.post(user, statusUrl + "/decisions", json);
  }

  /**
   * Polls the status URL until the ceremony reaches {@code phase}; the workflow moves on its own.
   */
  private static JsonNode awaitPhase(String statusUrl, GenerationPhase phase) {
    JsonNode state = null;
    for (int attempt = 0; attempt < 600; attempt++) {
      state = keyward.get("carol", statusUrl).body();
      if (phase.name().equals(state.get("phase").asText())) {
        return state;
      }
      sleep();
    }
    throw new AssertionError("ceremony never reached " + phase + ", last state " + state);
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(node.asText()));
    return values;
  }

  private static String body(
      String vault, String name, String classification, String type, Integer size, String ops) {
    String spec =
        "EC".equals(type)
            ? "{\"type\": \"EC\", \"curve\": \"P_384\", \"operations\": [\"SIGN\", \"VERIFY\"]}"
            : "{\"type\": \"%s\", \"size\": %d, \"operations\": %s}"
                .formatted(type, size, ops == null ? "[\"SIGN\", \"VERIFY\"]" : ops);
    return """
        {"vault": "%s", "name": "%s", "classification": "%s", "spec": %s,
         "justification": "card payments", "ticket": "CHG0012345"}"""
        .formatted(vault, name, classification, spec);
  }

  private static String bodyWithTicket(
      String vault, String name, String classification, String ticket) {
    return body(vault, name, classification, "RSA", 3072, null).replace("CHG0012345", ticket);
  }
}
