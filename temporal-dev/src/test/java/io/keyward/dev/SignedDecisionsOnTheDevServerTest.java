package io.keyward.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.activities.hsm.MasterSecret;
import io.keyward.activities.hsm.SoftwareKeyProvider;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.generation.Decision;
import io.keyward.workflows.generation.DecisionType;
import io.keyward.workflows.generation.KeyGenerationWorkflow;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.ProtectionLevel;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 end to end in dev mode, on the real Temporal dev server: the forgery of five invented
 * people sent with nothing but the Temporal CLI is refused and nothing moves; a reset of a
 * break-glass run to just before its grant does not grant again, and the audit trail says the run
 * is a reset.
 */
class SignedDecisionsOnTheDevServerTest {
  private static final String KEY = "kv-secret-prod/forged-key";
  private static final String WORKFLOW_ID = "keygen/" + KEY;
  private static final Duration STEP_WAIT = Duration.ofSeconds(30);

  private Path cli;

  @TempDir Path dataDir;

  @BeforeEach
  void requireTemporalCli() {
    cli = RequiredTemporalCli.get();
  }

  @Test
  void fiveInventedPeopleThroughTheTemporalCliAreRefusedAndNothingMoves() throws Exception {
    try (LocalKeyward keyward =
        LocalKeyward.start(DevServerSettings.onFreePorts(dataDir, cli), Map.of())) {
      DemoUserHttp api = new DemoUserHttp(keyward.apiUri());
      DemoUserHttp.Answer requested =
          api.post(
              "alice",
              "/api/generations",
              Map.of(
                  "vault", "kv-secret-prod",
                  "name", "forged-key",
                  "classification", "SECRET",
                  "spec",
                      Map.of(
                          "type", "EC", "curve", "P_384", "operations", List.of("SIGN", "VERIFY")),
                  "justification", "Signing payment batches for the settlement service"));
      assertThat(requested.status()).as(requested.body().toString()).isEqualTo(202);
      GenerationOverHttp ceremony = new GenerationOverHttp(api, KEY);
      ceremony.awaitPhase("AWAITING_APPROVAL");

      List<String> forgery =
          List.of(
              decision("x1", "CRYPTO_OFFICER", "APPROVE"),
              decision("x2", "CRYPTO_OFFICER", "APPROVE"),
              decision("x3", "KEY_CUSTODIAN", "GENERATE"),
              decision("x4", "KEY_CUSTODIAN", "VERIFY"),
              decision("x5", "SECURITY_ENGINEER", "REGISTER"));
      for (String decision : forgery) {
        Cli answer =
            cli(
                "workflow",
                "update",
                "execute",
                "--address",
                keyward.temporal().target(),
                "--namespace",
                keyward.temporal().namespace(),
                "--workflow-id",
                WORKFLOW_ID,
                "--name",
                "decide",
                "--input",
                decision);
        // The refusal's words are encrypted by the codec; the CLI sees that it was refused.
        assertThat(answer.exit()).as(answer.output()).isNotZero();
        assertThat(answer.output())
            .contains("unable to update workflow")
            .contains("IllegalArgumentException");
      }
      // A plain client with the codec keys (the worker's own, which signs nothing) reads why.
      KeyGenerationWorkflow plain =
          keyward.temporal().client().newWorkflowStub(KeyGenerationWorkflow.class, WORKFLOW_ID);
      assertThatThrownBy(
              () ->
                  plain.decide(
                      new Decision(
                          new Actor("x1", Set.of(Role.CRYPTO_OFFICER)),
                          DecisionType.APPROVE,
                          "ok")))
          .isInstanceOf(WorkflowUpdateException.class)
          .cause()
          .hasMessageContaining("decide on " + WORKFLOW_ID)
          .hasMessageContaining("is not signed by Keyward's API");

      JsonNode state = api.get("alice", ceremony.path()).body();
      assertThat(state.path("phase").asText()).isEqualTo("AWAITING_APPROVAL");
      assertThat(state.path("approvers")).isEmpty();
      DemoUserHttp.Answer audit = api.get("audrey", ceremony.path() + "/audit");
      assertThat(audit.status()).as(audit.body().toString()).isEqualTo(200);
      assertThat(audit.body().toString()).doesNotContain("\"x1\"", "\"x2\"", "\"x3\"", "x4", "x5");

      // The API's own decisions still count.
      assertThat(ceremony.decide("olivia", "APPROVE").phase()).isEqualTo("AWAITING_APPROVAL");
    }
  }

  @Test
  void aResetOfABreakGlassRunToBeforeItsGrantDoesNotGrantAgainAndSaysSo() throws Exception {
    keyTheRegisterDoesNotHold();
    try (LocalKeyward keyward =
        LocalKeyward.start(DevServerSettings.onFreePorts(dataDir, cli), Map.of())) {
      DemoUserHttp api = new DemoUserHttp(keyward.apiUri());
      String incident = "INC0077001";
      String session = "/api/break-glass/" + incident;
      DemoUserHttp.Answer declared =
          api.post(
              "sol",
              "/api/break-glass",
              Map.of(
                  "incident",
                  incident,
                  "keys",
                  List.of("kv-root/unregistered-key"),
                  "reason",
                  "settlement cannot sign",
                  "durationMinutes",
                  10,
                  "admin",
                  "bruno"));
      assertThat(declared.status()).as(declared.body().toString()).isEqualTo(202);
      awaitPhase(api, session, "AWAITING_AUTHORISATION");
      authorise(api, "carol", session);
      authorise(api, "tom", session);
      awaitPhase(api, session, "ACTIVE");

      WorkflowClient client = keyward.temporal().client();
      String workflowId = "breakglass/" + incident;
      long grantTask = workflowTaskThatScheduledTheGrant(client, workflowId);
      String resetRun =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .resetWorkflowExecution(
                  ResetWorkflowExecutionRequest.newBuilder()
                      .setNamespace(keyward.temporal().namespace())
                      .setWorkflowExecution(
                          WorkflowExecution.newBuilder().setWorkflowId(workflowId).build())
                      .setWorkflowTaskFinishEventId(grantTask)
                      .setReason("operator replays the approvals")
                      .setRequestId(UUID.randomUUID().toString())
                      .build())
              .getRunId();

      // The reset run replays carol's approval; tom's, in the task that scheduled the grant, is
      // gone. Given again through the API (signed for the reset run), it still grants nothing.
      JsonNode waiting = awaitPhase(api, session, "AWAITING_AUTHORISATION");
      assertThat(waiting.path("approvals")).hasSize(1);
      authorise(api, "tom", session);
      JsonNode failed = awaitPhase(api, session, "FAILED");
      assertThat(failed.toString()).contains("is a reset of run");
      DemoUserHttp.Answer audit = api.get("audrey", session + "/audit");
      assertThat(audit.status()).as(audit.body().toString()).isEqualTo(200);
      List<JsonNode> ofTheReset = new ArrayList<>();
      audit
          .body()
          .forEach(
              r -> {
                if (r.path("event").path("details").has("resetOf")) {
                  ofTheReset.add(r);
                }
              });
      assertThat(ofTheReset).isNotEmpty();
      assertThat(ofTheReset.get(0).path("event").path("details").path("resetOf").asText())
          .contains("this run " + resetRun + " is a reset of ");
      assertThat(audit.body().toString()).contains("BREAK_GLASS_ACCESS_GRANTED");
      long grants = 0;
      for (JsonNode r : audit.body()) {
        if (r.path("event").path("type").asText().equals("BREAK_GLASS_ACCESS_GRANTED")) {
          grants++;
          assertThat(r.path("event").path("details").has("resetOf")).isFalse();
        }
      }
      assertThat(grants).as("access granted by the original run only").isEqualTo(1);
    }
  }

  /** A key in dev mode's software keystore that the register does not hold: it counts as ULTRA. */
  private void keyTheRegisterDoesNotHold() {
    SoftwareKeyProvider software =
        new SoftwareKeyProvider(
            dataDir.resolve("keys"), MasterSecret.loadOrGenerate(dataDir.resolve("master-secret")));
    Set<KeyOperation> operations = Set.of(KeyOperation.ENCRYPT, KeyOperation.DECRYPT);
    software.create(
        new CreateKeyCommand(
            KeyRef.parse("kv-root/unregistered-key"),
            new KeySpec(KeyType.AES, 256, null, operations, 365, Map.of()),
            ProtectionLevel.STANDARD_KEY_VAULT,
            new KeyAttributes(operations, null, null, true, Map.of()),
            "seed"));
  }

  private static long workflowTaskThatScheduledTheGrant(WorkflowClient client, String workflowId) {
    for (HistoryEvent event : client.fetchHistory(workflowId).getEvents()) {
      if (event.hasActivityTaskScheduledEventAttributes()
          && event
              .getActivityTaskScheduledEventAttributes()
              .getActivityType()
              .getName()
              .equals("AccessGrant")) {
        return event.getActivityTaskScheduledEventAttributes().getWorkflowTaskCompletedEventId();
      }
    }
    return fail("no AccessGrant activity in " + workflowId);
  }

  private static void authorise(DemoUserHttp api, String user, String session) throws Exception {
    DemoUserHttp.Answer answer =
        api.post(user, session + "/authorisations", Map.of("decision", "APPROVE"));
    assertThat(answer.status()).as(user + ": " + answer.body()).isEqualTo(200);
  }

  private static JsonNode awaitPhase(DemoUserHttp api, String session, String phase)
      throws Exception {
    long deadline = System.nanoTime() + STEP_WAIT.toNanos();
    DemoUserHttp.Answer state;
    do {
      state = api.get("sol", session);
      if (state.phase().equals(phase)) {
        return state.body();
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return fail("the session did not reach " + phase + "; its state: " + state.body());
  }

  private static String decision(String id, String role, String type) {
    return "{\"actor\":{\"id\":\""
        + id
        + "\",\"roles\":[\""
        + role
        + "\"]},\"type\":\""
        + type
        + "\",\"reason\":\"ok\"}";
  }

  private record Cli(int exit, String output) {}

  private Cli cli(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(cli.toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Cli(process.waitFor(), output);
  }
}
