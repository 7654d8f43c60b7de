package io.keyward.api.breakglass;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.api.RunningKeyward;
import io.keyward.api.RunningKeyward.Reply;
import io.keyward.api.incident.IncidentHttp;
import io.keyward.workflows.breakglass.AccessGrantStore;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runbook 8.3 over real HTTP: the running application, the in-process Temporal server, the real
 * workflow with the software key provider, the JSON-lines audit trail and the grant store on disk.
 */
class BreakGlassApiTest {
  private static final String KEY = "kv-orders/orders-tde";

  @TempDir static Path data;

  private static RunningKeyward keyward;
  private static IncidentHttp http;

  @BeforeAll
  static void start() throws Exception {
    keyward = RunningKeyward.start(data);
    http = new IncidentHttp(keyward);
    http.activeKey("kv-orders", "orders-tde");
    http.activeKey("kv-orders", "andys-key");
    keyward.registerKey(
        new KeyRef("kv-orders", "andys-key"),
        Classification.CONFIDENTIAL,
        KeyUsage.APPLICATION,
        "andy");
  }

  @AfterAll
  static void stop() {
    keyward.close();
  }

  @Test
  void declaresAuthorisesRecordsActionsAndEndsASessionOverHttp() {
    Reply declared = declare("sol", "INC0010001", KEY, 10, "bruno");

    assertThat(declared.status()).isEqualTo(202);
    assertThat(declared.body().get("workflowId").asText()).isEqualTo("breakglass/INC0010001");
    String url = declared.body().get("statusUrl").asText();
    assertThat(url).isEqualTo("/api/break-glass/INC0010001");
    assertThat(declared.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(url));
    JsonNode waiting = http.awaitPhase(url, "AWAITING_AUTHORISATION");
    assertThat(waiting.at("/assessment/level").asText()).isEqualTo("L1");
    assertThat(waiting.at("/declaration/duration").asText()).isEqualTo("PT10M");
    assertThat(waiting.at("/declaration/incident").asText()).isEqualTo("INC0010001");
    assertThat(keyward.get("audrey", url + "/audit").status()).isEqualTo(200);
    for (String outsider : List.of("bob", "tara")) {
      assertThat(keyward.get(outsider, url).status()).as(outsider).isEqualTo(403);
      assertThat(keyward.get(outsider, url + "/audit").status()).as(outsider).isEqualTo(403);
    }

    assertThat(authorise("lena", url, "APPROVE").status()).isEqualTo(200);
    assertThat(authorise("alice", url, "APPROVE").status()).isEqualTo(200);
    JsonNode active = http.awaitPhase(url, "ACTIVE");
    Instant granted = Instant.parse(active.at("/grant/grantedAt").asText());
    Instant expires = Instant.parse(active.at("/grant/expiresAt").asText());
    assertThat(Duration.between(granted, expires)).isEqualTo(Duration.ofMinutes(10));
    assertThat(grants().find("breakglass/INC0010001")).isPresent();

    Reply action =
        keyward.post(
            "bruno",
            url + "/actions",
            "{\"key\": \"%s\", \"action\": \"re-enabled the TDE key\", \"detail\": \"outage\"}"
                .formatted(KEY));
    assertThat(action.status()).isEqualTo(200);
    assertThat(action.body().at("/actions/0/action").asText()).isEqualTo("re-enabled the TDE key");
    assertThat(action.body().at("/actions/0/actor").asText()).isEqualTo("bruno");

    Reply notHolder = keyward.post("lena", url + "/actions", "{\"action\": \"looked around\"}");
    assertThat(notHolder.status()).isEqualTo(403);
    assertThat(notHolder.body().get("message").asText())
        .isEqualTo(
            "lena holds no live break-glass grant for incident INC0010001 (the session is"
                + " ACTIVE)");

    assertThat(keyward.post("bruno", url + "/end", "{\"reason\": \"fixed\"}").status())
        .isEqualTo(200);
    JsonNode ended = http.awaitPhase(url, "AWAITING_REVIEW");
    assertThat(ended.get("revocationReason").asText()).isEqualTo("ended early by bruno");
    assertThat(ended.at("/revocation/verifiedAbsent").asBoolean()).isTrue();
    assertThat(grants().find("breakglass/INC0010001")).as("gone from the grant store").isEmpty();

    Reply afterRevocation = keyward.post("bruno", url + "/actions", "{\"action\": \"one more\"}");
    assertThat(afterRevocation.status()).isEqualTo(403);
    assertThat(afterRevocation.body().get("message").asText())
        .contains("bruno holds no live break-glass grant");

    Reply review =
        keyward.post("carol", url + "/review", "{\"findings\": \"one justified action\"}");
    assertThat(review.status()).isEqualTo(200);
    http.awaitPhase(url, "CLOSED");
    assertThat(http.auditTypes(url))
        .containsSubsequence(
            "BREAK_GLASS_DECLARED",
            "BREAK_GLASS_SCOPE_ASSESSED",
            "BREAK_GLASS_APPROVE",
            "BREAK_GLASS_APPROVE",
            "BREAK_GLASS_ACCESS_GRANTED",
            "BREAK_GLASS_ACTION",
            "ATTEMPT_REFUSED",
            "BREAK_GLASS_END_REQUESTED",
            "BREAK_GLASS_ACCESS_REVOKED",
            "BREAK_GLASS_REVIEWED",
            "BREAK_GLASS_CLOSED");
    assertThat(keyward.audit().verify())
        .satisfies(chain -> assertThat(chain.intact()).as(chain.toString()).isTrue());
  }

  @Test
  void refusesEachWrongApproverWithTheSessionsOwnWords() {
    String url = declare("lena", "INC0010002", KEY, null, "bruno").body().get("statusUrl").asText();
    http.awaitPhase(url, "AWAITING_AUTHORISATION");

    Reply declarer = authorise("lena", url, "APPROVE");
    assertThat(declarer.status()).isEqualTo(409);
    assertThat(declarer.body().get("message").asText())
        .startsWith("lena declared this session and cannot authorise it");
    // kim has no part in the session: refused as her reading it is, not told where it stands
    Reply custodian = authorise("kim", url, "APPROVE");
    assertThat(custodian.status()).isEqualTo(403);
    assertThat(custodian.body().get("message").asText())
        .isEqualTo(
            "the break-glass session of INC0010002 is visible to security, its authorisers, its"
                + " declarer and its admin");
    Reply admin = authorise("bruno", url, "APPROVE");
    assertThat(admin.status()).isEqualTo(409);
    assertThat(http.auditTypes(url)).contains("ATTEMPT_REFUSED");
  }

  @Test
  void refusesTheLevelOneApprovalOfAnApplicationOwnerWhoDoesNotOwnTheKeys() {
    String url =
        declare("sol", "INC0010009", "kv-orders/andys-key", null, "bruno")
            .body()
            .get("statusUrl")
            .asText();
    JsonNode waiting = http.awaitPhase(url, "AWAITING_AUTHORISATION");
    assertThat(waiting.at("/assessment/level").asText()).isEqualTo("L1");

    Reply notTheOwner = authorise("alice", url, "APPROVE");
    assertThat(notTheOwner.status()).isEqualTo(409);
    assertThat(notTheOwner.body().get("message").asText())
        .startsWith("alice does not own the keys in scope")
        .contains("andy");
    assertThat(keyward.get("audrey", url).body().get("approvals")).isEmpty();
  }

  @Test
  void refusesADeclarationThatBreaksTheRulesAndStartsNothing() {
    Reply tooLong = declare("sol", "INC0010003", KEY, 30, "bruno");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.body().get("message").asText())
        .isEqualTo(
            "a break-glass session lasts between 1 and 15 minutes (runbook 8.3), asked for 30"
                + " minutes");

    Reply notAnAdmin = declare("sol", "INC0010003", KEY, 5, "kim");
    assertThat(notAnAdmin.status()).isEqualTo(400);
    assertThat(notAnAdmin.body().get("message").asText())
        .startsWith("kim is not a break-glass admin");

    Reply unknownAdmin = declare("sol", "INC0010003", KEY, 5, "zed");
    assertThat(unknownAdmin.status()).isEqualTo(400);
    assertThat(unknownAdmin.body().get("message").asText())
        .isEqualTo("admin 'zed' is not a person in the directory");

    Reply notADeclarer = declare("kim", "INC0010003", KEY, 5, "bruno");
    assertThat(notADeclarer.status()).isEqualTo(403);
    assertThat(notADeclarer.body().get("message").asText())
        .startsWith("kim may not declare a break-glass emergency");

    Reply badIncident = declare("sol", "INC/3", KEY, 5, "bruno");
    assertThat(badIncident.status()).isEqualTo(400);
    assertThat(badIncident.body().get("message").asText()).startsWith("incident id must be");

    assertThat(keyward.describe("breakglass/INC0010003")).isEmpty();
  }

  @Test
  void declaringTwiceForOneIncidentAnswersTheSameSession() {
    Reply first = declare("sol", "INC0010004", KEY, 5, "bruno");
    Reply second = declare("sol", "INC0010004", KEY, 5, "bruno");

    assertThat(second.status()).isEqualTo(202);
    assertThat(second.body().get("runId").asText()).isEqualTo(first.body().get("runId").asText());
    var attributes = keyward.describe("breakglass/INC0010004").get().getTypedSearchAttributes();
    assertThat(attributes.get(KeywardSearchAttributes.KIND)).isEqualTo("BreakGlass");
    assertThat(attributes.get(KeywardSearchAttributes.INCIDENT)).isEqualTo("INC0010004");
  }

  @Test
  void answersNotFoundForAnUnknownIncidentAndUnauthorisedWithoutCredentials() {
    Reply unknown = keyward.get("carol", "/api/break-glass/INC0000000");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().get("message").asText())
        .isEqualTo("no break-glass session for incident INC0000000");
    assertThat(keyward.post(null, "/api/break-glass", "{}").status()).isEqualTo(401);
    assertThat(keyward.get(null, "/api/break-glass/INC0000000").status()).isEqualTo(401);
  }

  private static Reply declare(
      String user, String incident, String key, Integer minutes, String admin) {
    return keyward.post(
        user,
        "/api/break-glass",
        """
        {"incident": "%s", "keys": ["%s"], "reason": "orders DB cannot decrypt",
         %s "admin": "%s"}"""
            .formatted(
                incident,
                key,
                minutes == null ? "" : "\"durationMinutes\": " + minutes + ",",
                admin));
  }

  private static Reply authorise(String user, String url, String decision) {
    return keyward.post(
        user,
        url + "/authorisations",
        "{\"decision\": \"%s\", \"reason\": \"outage confirmed\"}".formatted(decision));
  }

  private static AccessGrantStore grants() {
    return keyward.stores().accessGrants();
  }
}
