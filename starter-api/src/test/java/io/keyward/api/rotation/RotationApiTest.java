package io.keyward.api.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.api.RunningKeyward;
import io.keyward.api.RunningKeyward.Reply;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.ProtectionLevel;
import io.keyward.workflows.policy.RotationMatrix;
import io.keyward.workflows.rotation.RotationPhase;
import io.keyward.workflows.webauthn.HeldCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manual rotation API (runbook 6.3) over real HTTP against the running application, the
 * in-process Temporal server in real time and the real workflow with the software key provider.
 */
class RotationApiTest {
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
  void plansARotationAndDrivesItThroughReviewApprovalAndExecutionOverHttp() {
    KeyRef key = existingKey("payments-tde");
    keyward.registerKey(key, Classification.SECRET, KeyUsage.DATABASE_TDE, "alice");
    assertThat(
            keyward
                .put(
                    "alice",
                    "/api/keys/kv-rotations/payments-tde/dependents",
                    "[{\"application\": \"payments-db\", \"owner\": \"alice\","
                        + " \"contact\": \"#payments\"}]")
                .status())
        .isEqualTo(200);
    String t =
        Instant.now()
            .plus(Duration.ofSeconds(15))
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            .toString();

    Reply planned = plan("alice", key, "DATABASE_TDE", "\"" + t + "\"");

    assertThat(planned.status()).isEqualTo(202);
    assertThat(planned.body().get("workflowId").asText())
        .isEqualTo("rotation/kv-rotations/payments-tde");
    String statusUrl = planned.body().get("statusUrl").asText();
    assertThat(planned.header("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith(statusUrl));
    JsonNode review = awaitPhase(statusUrl, RotationPhase.AWAITING_SECURITY_REVIEW);
    assertThat(keyward.get("audrey", statusUrl + "/audit").status()).isEqualTo(200);
    for (String outsider : List.of("bob", "tara")) {
      assertThat(keyward.get(outsider, statusUrl).status()).as(outsider).isEqualTo(403);
      assertThat(keyward.get(outsider, statusUrl + "/audit").status()).as(outsider).isEqualTo(403);
    }
    assertThat(review.at("/request/requester/id").asText()).isEqualTo("alice");
    assertThat(review.at("/checks/backup/passed").asBoolean())
        .as("backup check: %s", review.at("/checks/backup"))
        .isTrue();
    assertThat(review.at("/checks/dependents/0/application").asText()).isEqualTo("payments-db");
    assertThat(review.at("/checks/stakeholdersNotified").asInt()).isEqualTo(2);
    assertThat(review.get("rotationDate").asText()).isEqualTo(t);
    var attributes =
        keyward
            .describe("rotation/kv-rotations/payments-tde")
            .orElseThrow()
            .getTypedSearchAttributes();
    assertThat(attributes.get(KeywardSearchAttributes.KIND)).isEqualTo("ManualRotation");
    assertThat(attributes.get(KeywardSearchAttributes.DUE_AT).toInstant())
        .isEqualTo(Instant.parse(t));

    assertThat(decide("sam", statusUrl, "APPROVE_REVIEW", "requirements reviewed").status())
        .isEqualTo(200);
    awaitPhase(statusUrl, RotationPhase.AWAITING_APPROVAL);
    // tara has no part in the rotation: refused as her reading it is, not told where it stands
    Reply notEntitled = decide("tara", statusUrl, "APPROVE", null);
    assertThat(notEntitled.status()).isEqualTo(403);
    assertThat(notEntitled.body().get("message").asText())
        .startsWith("the rotation of ")
        .endsWith(
            "is visible to key management, its requester, its participants and its approvers");
    assertThat(decide("lena", statusUrl, "APPROVE", "CHG0099").status()).isEqualTo(200);
    awaitPhase(statusUrl, RotationPhase.AWAITING_EXECUTION);
    assertThat(decide("kim", statusUrl, "EXECUTE", null).status()).isEqualTo(200);

    JsonNode monitoring = awaitPhase(statusUrl, RotationPhase.MONITORING);
    assertThat(monitoring.get("executor").asText()).isEqualTo("kim");
    assertThat(monitoring.get("newVersion").asText())
        .isNotEqualTo(monitoring.get("oldVersion").asText());
    assertThat(keyward.keys().listVersions(key)).hasSize(2);
    assertThat(keyward.get("olivia", statusUrl + "/audit").body())
        .extracting(r -> r.at("/event/type").asText())
        .contains("ROTATION_REQUESTED", "PRE_ROTATION_CHECKED", "ATTEMPT_REFUSED", "KEY_ROTATED");
  }

  @Test
  void reschedulesAndCancelsWhileWaitingAndRefusesThoseNotEntitled() {
    KeyRef key = existingKey("orders-signing");
    String statusUrl =
        plan("olivia", key, "APPLICATION", "\"" + LocalDate.now(ZoneOffset.UTC).plusDays(60) + "\"")
            .body()
            .get("statusUrl")
            .asText();
    awaitPhase(statusUrl, RotationPhase.SCHEDULED);
    String later = LocalDate.now(ZoneOffset.UTC).plusDays(90).toString();

    Reply refused =
        keyward.post(
            "audrey",
            statusUrl + "/reschedule",
            "{\"rotationDate\": \"%s\", \"reason\": \"audit\"}".formatted(later));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().get("message").asText())
        .isEqualTo(
            "audrey may not reschedule this rotation: only its requester or one of"
                + " [CRYPTO_OFFICER, KEY_CUSTODIAN] may");
    Reply moved =
        keyward.post(
            "kai",
            statusUrl + "/reschedule",
            "{\"rotationDate\": \"%s\", \"reason\": \"release freeze\"}".formatted(later));
    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.body().get("rotationDate").asText()).isEqualTo(later + "T00:00:00Z");
    assertThat(
            keyward
                .post("olivia", statusUrl + "/reschedule", "{\"rotationDate\": \"2001-01-01\"}")
                .body()
                .get("message")
                .asText())
        .isEqualTo("rotationDate 2001-01-01T00:00:00Z is not in the future");

    Reply cancelled =
        keyward.post("olivia", statusUrl + "/cancel", "{\"reason\": \"key retired instead\"}");
    assertThat(cancelled.status()).isEqualTo(200);
    JsonNode closed = awaitPhase(statusUrl, RotationPhase.CANCELLED);
    assertThat(closed.get("outcomeReason").asText())
        .isEqualTo("cancelled by olivia: key retired instead");
    Reply afterwards = keyward.post("olivia", statusUrl + "/cancel", "{\"reason\": \"again\"}");
    assertThat(afterwards.status()).isEqualTo(409);
    assertThat(afterwards.body().get("message").asText()).contains("closed (CANCELLED)");
  }

  @Test
  void refusesARequesterWithoutTheRoleAndABadRequestWithoutStartingAnything() {
    KeyRef key = existingKey("refused-key");
    String t = "\"" + LocalDate.now(ZoneOffset.UTC).plusDays(40) + "\"";

    Reply auditor = plan("audrey", key, "APPLICATION", t);
    assertThat(auditor.status()).isEqualTo(403);
    assertThat(auditor.body().get("message").asText())
        .startsWith("audrey may not request a rotation");
    Reply badDate = plan("olivia", key, "APPLICATION", "\"next tuesday\"");
    assertThat(badDate.status()).isEqualTo(400);
    assertThat(badDate.body().get("message").asText())
        .isEqualTo(
            "rotationDate: 'next tuesday' is not a date like 2027-03-01 or 2027-03-01T09:00:00Z");
    assertThat(keyward.describe("rotation/kv-rotations/refused-key")).isEmpty();
    assertThat(keyward.get("olivia", "/api/rotations/kv-rotations/refused-key").status())
        .isEqualTo(404);
    assertThat(keyward.post(null, "/api/rotations", "{}").status()).isEqualTo(401);
  }

  @Test
  void anUltraRootCaKeyCannotBeDowngradedByAnythingInTheBody() {
    KeyRef key = existingKey("root-signing");
    keyward.registerKey(key, Classification.ULTRA, KeyUsage.ROOT_CA, "alice");
    String t = "\"" + LocalDate.now(ZoneOffset.UTC).plusDays(45) + "\"";

    for (String field :
        List.of(
            "\"usage\": \"APPLICATION\"",
            "\"classification\": \"PUBLIC\"",
            "\"usage\": null, \"classification\": \"ULTRA\"")) {
      Reply downgraded =
          keyward.post(
              "olivia",
              "/api/rotations",
              """
              {"vault": "kv-rotations", "name": "root-signing", "rotationDate": %s,
               "justification": "yearly rotation", %s}"""
                  .formatted(t, field));
      assertThat(downgraded.status()).as(field).isEqualTo(422);
      assertThat(downgraded.body().get("message").asText())
          .contains("facts-from-register")
          .contains("not the request");
    }
    assertThat(keyward.describe("rotation/kv-rotations/root-signing")).isEmpty();

    Reply planned = plan("olivia", key, "ROOT_CA", t);
    assertThat(planned.status()).isEqualTo(202);
    JsonNode state = stateOnceRead(planned.body().get("statusUrl").asText());
    assertThat(state.get("classification").asText()).isEqualTo("ULTRA");
    assertThat(state.get("rule").get("approvalText").asText()).isEqualTo("Executive + Board");
  }

  @Test
  void anUltraKeyThatIsNoCaKeyNeedsAnExecutiveToRotate() {
    KeyRef key = existingKey("ultra-app");
    keyward.registerKey(key, Classification.ULTRA, KeyUsage.APPLICATION, "alice");
    Reply planned =
        plan(
            "olivia", key, "APPLICATION", "\"" + LocalDate.now(ZoneOffset.UTC).plusDays(45) + "\"");

    JsonNode state = stateOnceRead(planned.body().get("statusUrl").asText());
    assertThat(state.get("rule").get("approvalText").asText())
        .isEqualTo("System + executive (ULTRA, runbook 2.2)");
  }

  @Test
  void aKeyTheRegisterDoesNotHoldIsRotatedAsUltra() {
    existingKey("found-key");
    Reply planned =
        keyward.post(
            "olivia",
            "/api/rotations",
            """
            {"vault": "kv-rotations", "name": "found-key", "rotationDate": "%s",
             "justification": "found by the reconciliation"}"""
                .formatted(LocalDate.now(ZoneOffset.UTC).plusDays(45)));

    JsonNode state = stateOnceRead(planned.body().get("statusUrl").asText());
    assertThat(state.get("classification").asText()).isEqualTo("ULTRA");
    assertThat(state.get("rule").get("approvalText").asText()).contains("executive");
  }

  @Test
  void decisionsOnAnUltraRotationNeedTheDecidersOwnSecurityKey() {
    KeyRef key = existingKey("ultra-signed");
    keyward.registerKey(key, Classification.ULTRA, KeyUsage.APPLICATION, "alice");
    String statusUrl =
        plan("olivia", key, "APPLICATION", "\"" + LocalDate.now(ZoneOffset.UTC).plusDays(2) + "\"")
            .body()
            .get("statusUrl")
            .asText();
    awaitPhase(statusUrl, RotationPhase.AWAITING_SECURITY_REVIEW);

    Reply unsigned = decide("sam", statusUrl, "APPROVE_REVIEW", "reviewed");
    assertThat(unsigned.status()).isEqualTo(409);
    assertThat(unsigned.body().get("message").asText())
        .contains(
            "a decision on the rotation of an ULTRA key must be signed by the decider's own"
                + " security key: "
                + HeldCredentials.WHERE_TO_DECIDE
                + ", /ui/rotations/kv-rotations/ultra-signed");
    Reply forged =
        keyward.post(
            "sam",
            statusUrl + "/decisions",
            """
            {"decision": "APPROVE_REVIEW", "reason": "reviewed", "assertion": {
              "credentialId": "bm90LWVucm9sbGVk", "clientDataJson": "e30",
              "authenticatorData": "AA", "signature": "AA", "nonce": "n1"}}""");
    assertThat(forged.status()).isEqualTo(409);
    assertThat(forged.body().get("message").asText())
        .contains("is not an enrolled, approved and unrevoked credential");

    Reply withoutKey =
        keyward.post(
            "sam", statusUrl + "/decision-challenge", "{\"decision\": \"APPROVE_REVIEW\"}");
    assertThat(withoutKey.status()).isEqualTo(409);
    assertThat(withoutKey.body().get("message").asText())
        .startsWith("sam has no approved security key");
    Reply noDecision = keyward.post("sam", statusUrl + "/decision-challenge", "{}");
    assertThat(noDecision.status()).isEqualTo(400);
    assertThat(noDecision.body().get("message").asText()).startsWith("decision is required");
    assertThat(keyward.get("olivia", statusUrl).body().get("securityReviewer").isNull()).isTrue();
  }

  private static JsonNode stateOnceRead(String statusUrl) {
    for (int i = 0; i < 600; i++) {
      Reply reply = keyward.get("olivia", statusUrl);
      if (reply.status() == 200 && reply.body().hasNonNull("rule")) {
        return reply.body();
      }
      sleep();
    }
    throw new AssertionError("the rotation did not read the key register: " + statusUrl);
  }

  @Test
  void aSecondPlanForTheSameKeyAnswersTheRotationAlreadyPlanned() {
    KeyRef key = existingKey("twice-planned");
    String t = "\"" + LocalDate.now(ZoneOffset.UTC).plusDays(50) + "\"";

    Reply first = plan("olivia", key, "APPLICATION", t);
    Reply second = plan("kim", key, "APPLICATION", t);

    assertThat(second.status()).isEqualTo(202);
    assertThat(second.body().get("runId").asText()).isEqualTo(first.body().get("runId").asText());
  }

  /**
   * Plans a rotation of {@code key}, registered (unless a test registered it otherwise) with {@code
   * usage} at the classification the matrix gives it; the body names neither.
   */
  private static Reply plan(String user, KeyRef key, String usage, String rotationDate) {
    KeyUsage keyUsage = KeyUsage.valueOf(usage);
    if (keyward.register().find(key).isEmpty()) {
      keyward.registerKey(
          key, RotationMatrix.ruleFor(keyUsage).typicalClassification(), keyUsage, "alice");
    }
    return keyward.post(
        user,
        "/api/rotations",
        """
        {"vault": "%s", "name": "%s", "rotationDate": %s,
         "justification": "yearly rotation", "ticket": "CHG0099"}"""
            .formatted(key.vault(), key.name(), rotationDate));
  }

  private static KeyRef existingKey(String name) {
    KeyRef key = new KeyRef("kv-rotations", name);
    Instant now = Instant.now();
    keyward
        .keys()
        .create(
            new CreateKeyCommand(
                key,
                new KeySpec(
                    KeyType.AES,
                    256,
                    null,
                    Set.of(KeyOperation.ENCRYPT, KeyOperation.DECRYPT),
                    null,
                    null),
                ProtectionLevel.MANAGED_HSM,
                new KeyAttributes(
                    Set.of(KeyOperation.ENCRYPT, KeyOperation.DECRYPT),
                    now,
                    now.plus(Duration.ofDays(365)),
                    true,
                    Map.of("Classification", "SECRET")),
                "existing/" + key));
    return key;
  }

  private static Reply decide(String user, String statusUrl, String decision, String reason) {
    String json =
        reason == null
            ? "{\"decision\": \"%s\"}".formatted(decision)
            : "{\"decision\": \"%s\", \"reason\": \"%s\"}".formatted(decision, reason);
    return keyward.post(user, statusUrl + "/decisions", json);
  }

  private static JsonNode awaitPhase(String statusUrl, RotationPhase phase) {
    JsonNode state = null;
    for (int attempt = 0; attempt < 600; attempt++) {
      Reply reply = keyward.get("olivia", statusUrl);
      state = reply.body();
      if (reply.status() == 200 && phase.name().equals(state.get("phase").asText())) {
        return state;
      }
      sleep();
    }
    throw new AssertionError("rotation never reached " + phase + ", last state " + state);
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
