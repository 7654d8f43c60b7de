package io.keyward.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runbook 3.3 end to end, as dev mode runs it: the real Temporal dev server on a SQLite file, the
 * worker with the software keystore and the audit trail, and the Dropwizard API, driven over HTTP
 * by the demo users. Halfway through, everything stops and starts again on the same data, as Ctrl-C
 * and {@code temporal-dev/start} would.
 *
 * <p>With {@code -Dkeyward.recordHistories=<dir>} the finished run's history is saved there as
 * {@value #HISTORY_FILE}, for replay tests of the workflow.
 */
class DevModeEndToEndTest {
  static final String HISTORY_FILE = "keygen-secret-registered-devserver.json";

  private static final String VAULT = "kv-e2e";
  private static final String NAME = "payments-signing";
  private static final String KEY = VAULT + "/" + NAME;
  private static final String WORKFLOW_ID = "keygen/" + KEY;

  /** Visibility is eventually consistent: a new phase can take a moment to be searchable. */
  private static final Duration VISIBILITY_WAIT = Duration.ofSeconds(10);

  private Path cli;

  @TempDir Path dataDir;

  @BeforeEach
  void requireTemporalCli() {
    cli = RequiredTemporalCli.get();
  }

  @Test
  void registersASecretKeyUnderDualControlAcrossARestartAndFindsItByItsSearchAttributes()
      throws Exception {
    DevSettings settings = DevServerSettings.onFreePorts(dataDir, cli);

    try (LocalKeyward keyward = LocalKeyward.start(settings, Map.of())) {
      DemoUserHttp api = new DemoUserHttp(keyward.apiUri());
      GenerationOverHttp ceremony = new GenerationOverHttp(api, KEY);

      // Step 1: the application owner requests a SECRET signing key.
      DemoUserHttp.Answer requested = api.post("alice", "/api/generations", secretKeyRequest());
      assertThat(requested.status()).as(requested.body().toString()).isEqualTo(202);
      assertThat(requested.body().path("workflowId").asText()).isEqualTo(WORKFLOW_ID);

      // Operators find it in Temporal Web's filter of what waits for approvers.
      assertThat(
              findWithin(
                  keyward.temporal().client(),
                  "KeywardKeyName = '" + KEY + "' AND KeywardPhase = 'AWAITING_APPROVAL'"))
          .extracting(run -> run.getExecution().getWorkflowId())
          .containsExactly(WORKFLOW_ID);

      // Step 2: SECRET needs two approvers: a crypto officer and the security team lead.
      DemoUserHttp.Answer first = ceremony.decide("olivia", "APPROVE");
      assertThat(first.phase()).isEqualTo("AWAITING_APPROVAL");
      DemoUserHttp.Answer second = ceremony.decide("lena", "APPROVE");
      assertThat(second.phase()).isEqualTo("AWAITING_GENERATION");
    }

    try (LocalKeyward keyward = LocalKeyward.start(settings, Map.of())) {
      DemoUserHttp api = new DemoUserHttp(keyward.apiUri());
      GenerationOverHttp ceremony = new GenerationOverHttp(api, KEY);
      WorkflowClient client = keyward.temporal().client();

      DemoUserHttp.Answer health = new DemoUserHttp(keyward.adminUri()).get("alice", "healthcheck");
      assertThat(health.status()).as(health.body().toString()).isEqualTo(200);
      assertThat(health.body().path("temporal").path("healthy").asBoolean()).isTrue();

      // The ceremony went on where it stopped, approvals and all.
      DemoUserHttp.Answer resumed = api.get("alice", ceremony.path());
      assertThat(resumed.phase()).isEqualTo("AWAITING_GENERATION");
      assertThat(texts(resumed.body().path("approvers"))).containsExactly("olivia", "lena");

      // Steps 3 to 5: custodian 1 generates, custodian 2 verifies, security registers.
      ceremony.decide("kim", "GENERATE");
      ceremony.awaitPhase("AWAITING_VERIFICATION");
      ceremony.decide("kai", "VERIFY");
      ceremony.awaitPhase("AWAITING_REGISTRATION");
      ceremony.decide("sam", "REGISTER");
      JsonNode registered = ceremony.awaitPhase("REGISTERED").body();

      assertThat(registered.path("custodian1").asText()).isEqualTo("kim");
      assertThat(registered.path("custodian2").asText()).isEqualTo("kai");
      assertThat(registered.path("securityValidator").asText()).isEqualTo("sam");
      JsonNode version = registered.path("keyVersion");
      assertThat(version.path("version").asText()).isNotBlank();
      assertThat(version.path("enabled").asBoolean()).isTrue();
      assertThat(version.path("curve").asText()).isEqualTo("P_384");
      assertThat(version.path("provider").asText()).isNotBlank();

      DemoUserHttp.Answer audit = api.get("audrey", ceremony.path() + "/audit");
      assertThat(audit.status()).as(audit.body().toString()).isEqualTo(200);
      List<String> trail = new ArrayList<>();
      audit.body().forEach(r -> trail.add(r.path("event").path("type").asText()));
      assertThat(trail)
          .containsExactly(
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
      assertThat(audit.body().get(audit.body().size() - 1).path("event").path("subject").asText())
          .isEqualTo(WORKFLOW_ID);

      // The phase is published just before the run completes; the finished run is found by both.
      List<WorkflowExecutionMetadata> found =
          findWithin(
              client,
              "KeywardKeyName = '"
                  + KEY
                  + "' AND KeywardPhase = 'REGISTERED' AND ExecutionStatus = 'Completed'");
      assertThat(found)
          .extracting(run -> run.getExecution().getWorkflowId())
          .containsExactly(WORKFLOW_ID);
      assertThat(found.get(0).getStatus())
          .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
      assertThat(
              found.get(0).getTypedSearchAttributes().get(KeywardSearchAttributes.CLASSIFICATION))
          .isEqualTo("SECRET");

      recordHistory(client);
    }
  }

  private static Map<String, Object> secretKeyRequest() {
    return Map.of(
        "vault",
        VAULT,
        "name",
        NAME,
        "classification",
        "SECRET",
        "spec",
        Map.of("type", "EC", "curve", "P_384", "operations", List.of("SIGN", "VERIFY")),
        "justification",
        "Signing payment batches for the settlement service");
  }

  private static List<WorkflowExecutionMetadata> findWithin(WorkflowClient client, String query)
      throws InterruptedException {
    long deadline = System.nanoTime() + VISIBILITY_WAIT.toNanos();
    do {
      List<WorkflowExecutionMetadata> found =
          client.listExecutions(query).collect(Collectors.toList());
      if (!found.isEmpty()) {
        return found;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    return fail(
        "no run matches "
            + query
            + " within "
            + VISIBILITY_WAIT
            + "; runs of the key: "
            + client
                .listExecutions("KeywardKeyName = '" + KEY + "'")
                .map(
                    run ->
                        run.getStatus()
                            + " "
                            + run.getTypedSearchAttributes().get(KeywardSearchAttributes.PHASE))
                .collect(Collectors.toList()));
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static void recordHistory(WorkflowClient client) throws Exception {
    String dir = System.getProperty("keyward.recordHistories");
    if (dir == null || dir.isBlank()) {
      return;
    }
    Path file = Files.createDirectories(Path.of(dir)).resolve(HISTORY_FILE);
    Files.writeString(file, client.fetchHistory(WORKFLOW_ID).toJson(true));
  }
}
