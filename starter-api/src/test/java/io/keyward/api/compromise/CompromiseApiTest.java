package io.keyward.api.compromise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.api.RunningKeyward;
import io.keyward.api.RunningKeyward.Reply;
import io.keyward.api.incident.IncidentHttp;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.dependencies.KeyDependent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runbook 11 over real HTTP: the running application, the in-process Temporal server, the real
 * workflow with the software key provider, the JSON-lines audit trail and the evidence sealer.
 */
class CompromiseApiTest {
  @TempDir static Path data;

  private static RunningKeyward keyward;
  private static IncidentHttp http;

  @BeforeAll
  static void start() throws Exception {
    keyward = RunningKeyward.start(data);
    http = new IncidentHttp(keyward);
    http.activeKey("kv-orders", "card-data");
    http.activeKey("kv-orders", "second-key");
    http.activeKey("kv-orders", "third-key");
    keyward
        .stores()
        .dependencyMap()
        .replace(
            new KeyRef("kv-orders", "card-data"),
            List.of(new KeyDependent("orders-service", "alice", "#team-orders")));
  }

  @AfterAll
  static void stop() {
    keyward.close();
  }

  @Test
  void reportsACompromisedKeyThatIsDisabledRotatedCheckedAndSealedOverHttp() {
    // acceptedAt comes from the workflow clock, which counts whole milliseconds
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Reply reported = report("sol", "INC0020001", "card-data", "P1");

    assertThat(reported.status()).isEqualTo(202);
    assertThat(reported.body().get("workflowId").asText()).isEqualTo("compromise/INC0020001");
    String url = reported.body().get("statusUrl").asText();
    assertThat(url).isEqualTo("/api/compromises/INC0020001");
    Instant accepted = Instant.parse(reported.body().get("acceptedAt").asText());
    assertThat(accepted).isBetween(before, Instant.now());

    JsonNode following = http.awaitPhase(url, "FOLLOWING_UP");
    assertThat(keyward.get("audrey", url + "/audit").status()).isEqualTo(200);
    for (String outsider : List.of("bob", "tara", "alice")) {
      assertThat(keyward.get(outsider, url).status()).as(outsider).isEqualTo(403);
      assertThat(keyward.get(outsider, url + "/audit").status()).as(outsider).isEqualTo(403);
      assertThat(keyward.get(outsider, url + "/evidence").status()).as(outsider).isEqualTo(403);
    }
    JsonNode disablement = following.get("disablement");
    assertThat(Instant.parse(disablement.get("acceptedAt").asText())).isEqualTo(accepted);
    Duration timeToDisable = Duration.parse(disablement.get("timeToDisable").asText());
    assertThat(Instant.parse(disablement.get("disabledAt").asText()))
        .isEqualTo(accepted.plus(timeToDisable));
    assertThat(disablement.get("withinSlo").asBoolean()).isTrue();
    assertThat(disablement.get("attempts").asInt()).isEqualTo(1);
    assertThat(following.at("/incident/severity").asText()).isEqualTo("CRITICAL");
    assertThat(following.at("/incident/status").asText()).isEqualTo("ACTIVE");
    assertThat(following.at("/affectedApplications/0/application").asText())
        .isEqualTo("orders-service");
    assertThat(following.at("/emergencyVersion/enabled").asBoolean()).isTrue();
    assertThat(following.at("/emergencyVersion/tags/Incident").asText()).isEqualTo("INC0020001");
    assertThat(following.at("/restoration/passed").asBoolean()).isTrue();
    assertThat(following.at("/restoration/operation").asText()).isEqualTo("encrypt/decrypt");
    assertThat(following.at("/evidence/sha256").asText()).matches("[0-9a-f]{64}");
    assertThat(following.at("/evidence/versionsCaptured").asInt()).isEqualTo(2);
    assertThat(following.at("/evidence/auditRecordsCaptured").asInt()).isGreaterThan(5);

    Reply evidence = keyward.get("audrey", url + "/evidence");
    assertThat(evidence.status()).isEqualTo(200);
    assertThat(evidence.body()).hasSize(1);
    assertThat(evidence.body().at("/0/intact").asBoolean()).isTrue();
    assertThat(evidence.body().at("/0/recomputedSha256").asText())
        .isEqualTo(following.at("/evidence/sha256").asText());

    Reply trail = keyward.get("audrey", url + "/audit");
    JsonNode disabled = null;
    for (JsonNode record : trail.body()) {
      if (record.at("/event/type").asText().equals("KEY_DISABLED")) {
        disabled = record.at("/event/details");
      }
    }
    assertThat(disabled).isNotNull();
    assertThat(disabled.get("timeToDisableMillis").asLong()).isEqualTo(timeToDisable.toMillis());
    assertThat(http.auditTypes(url))
        .containsSubsequence(
            "COMPROMISE_REPORTED",
            "KEY_DISABLED",
            "INCIDENT_DECLARED",
            "IMPACT_ASSESSED",
            "EMERGENCY_ROTATION",
            "RESTORATION_VALIDATED",
            "FORENSIC_EVIDENCE_SEALED");
    assertThat(keyward.audit().verify())
        .satisfies(chain -> assertThat(chain.intact()).as(chain.toString()).isTrue());
    var attributes = keyward.describe("compromise/INC0020001").get().getTypedSearchAttributes();
    assertThat(attributes.get(KeywardSearchAttributes.KIND)).isEqualTo("CompromiseResponse");
    assertThat(attributes.get(KeywardSearchAttributes.PHASE)).isEqualTo("FOLLOWING_UP");
    assertThat(attributes.get(KeywardSearchAttributes.KEY_NAME)).isEqualTo("kv-orders/card-data");
  }

  @Test
  void acknowledgesAndCompletesTheLongTermTasksUntilTheResponseCloses() {
    String url = report("sol", "INC0020002", "second-key", "P2").body().get("statusUrl").asText();
    http.awaitPhase(url, "FOLLOWING_UP");

    // alice has no part in the incident: refused as her reading it is
    Reply custodian = keyward.post("alice", url + "/acknowledgements", "{}");
    assertThat(custodian.status()).isEqualTo(403);
    assertThat(custodian.body().get("message").asText())
        .isEqualTo("incident INC0020002 is visible to security responders and its reporter");
    Reply acknowledged =
        keyward.post("kim", url + "/acknowledgements", "{\"note\": \"custodians have it\"}");
    assertThat(acknowledged.status()).isEqualTo(200);
    assertThat(acknowledged.body().at("/escalation/acknowledgedBy").asText()).isEqualTo("kim");
    assertThat(keyward.post("sol", url + "/acknowledgements", "{}").status()).isEqualTo(409);

    Reply unknownTask = keyward.post("sam", url + "/tasks/COFFEE", "{\"summary\": \"x\"}");
    assertThat(unknownTask.status()).isEqualTo(400);
    assertThat(unknownTask.body().get("message").asText()).startsWith("no task 'COFFEE'");
    assertThat(complete("sam", url, "ROOT_CAUSE_ANALYSIS", "leaked through CI logs").status())
        .isEqualTo(200);
    assertThat(complete("carol", url, "SECURITY_CONTROL_ENHANCEMENT", "log scrubbing").status())
        .isEqualTo(200);
    assertThat(complete("sol", url, "LESSONS_LEARNED", "runbook updated").status()).isEqualTo(200);

    JsonNode closed = http.awaitPhase(url, "CLOSED");
    assertThat(closed.at("/incident/status").asText()).isEqualTo("RESOLVED");
    Reply late = keyward.post("sol", url + "/acknowledgements", "{}");
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.body().get("message").asText())
        .isEqualTo("this incident response is closed (CLOSED)");
  }

  @Test
  void reportingAnIncidentAgainAnswersTheSameResponseAndRefusesAnotherKey() {
    Reply first = report("sol", "INC0020003", "third-key", "P1");
    Reply again = report("sol", "INC0020003", "third-key", "P1");
    Reply otherKey = report("sol", "INC0020003", "card-data", "P1");

    assertThat(again.status()).isEqualTo(202);
    assertThat(again.body().get("runId").asText()).isEqualTo(first.body().get("runId").asText());
    assertThat(again.body().get("acceptedAt").asText())
        .isEqualTo(first.body().get("acceptedAt").asText());
    assertThat(otherKey.status()).isEqualTo(409);
    assertThat(otherKey.body().get("message").asText())
        .startsWith(
            "incident INC0020003 is already the response to a compromise of"
                + " kv-orders/third-key");
  }

  @Test
  void refusesAReportFromARoleThatMayNotReportAndBadInput() {
    Reply owner = report("alice", "INC0020004", "card-data", "P1");
    assertThat(owner.status()).isEqualTo(403);
    assertThat(owner.body().get("message").asText())
        .startsWith("alice may not report a compromise");

    Reply badSeverity = report("sol", "INC0020004", "card-data", "P9");
    assertThat(badSeverity.status()).isEqualTo(400);
    assertThat(badSeverity.body().get("message").asText())
        .isEqualTo("severity: 'P9' is not one of [P1, P2, P3, P4]");
    Reply noKey =
        keyward.post(
            "sol", "/api/compromises", "{\"incident\": \"INC0020004\", \"vault\": \"kv\"}");
    assertThat(noKey.status()).isEqualTo(400);
    assertThat(keyward.describe("compromise/INC0020004")).isEmpty();
    assertThat(keyward.get("sol", "/api/compromises/INC0020004").status()).isEqualTo(404);
  }

  private static Reply report(String user, String incident, String name, String severity) {
    return keyward.post(
        user,
        "/api/compromises",
        """
        {"incident": "%s", "vault": "kv-orders", "name": "%s", "severity": "%s",
         "summary": "key material seen in a public paste"}"""
            .formatted(incident, name, severity));
  }

  private static Reply complete(String user, String url, String task, String summary) {
    return keyward.post(user, url + "/tasks/" + task, "{\"summary\": \"%s\"}".formatted(summary));
  }
}
