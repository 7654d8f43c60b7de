package io.keyward.activities.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.activities.audit.AuditActivitiesImpl;
import io.keyward.activities.hsm.KeyProviderActivitiesImpl;
import io.keyward.activities.hsm.MasterSecret;
import io.keyward.activities.hsm.ProviderRouting;
import io.keyward.activities.hsm.SoftwareKeyProvider;
import io.keyward.activities.integration.GiveUpRecord;
import io.keyward.activities.integration.RecordingHttpServer;
import io.keyward.activities.integration.RecordingHttpServer.Answer;
import io.keyward.activities.servicenow.UnconfiguredTickets;
import io.keyward.activities.stores.EmbeddedAuditStore;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.generation.Decision;
import io.keyward.workflows.generation.DecisionType;
import io.keyward.workflows.generation.GenerationOutcome;
import io.keyward.workflows.generation.GenerationPhase;
import io.keyward.workflows.generation.GenerationRequest;
import io.keyward.workflows.generation.KeyGenerationWorkflow;
import io.keyward.workflows.generation.KeyGenerationWorkflowImpl;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generation ceremony whose approval announcement cannot reach Slack: the notifier retries, gives
 * up with an audit record, and the ceremony goes on as people decide.
 */
class SlackDownCeremonyTest {
  private static final KeyRef KEY = new KeyRef("kv-payments", "card-signing");
  private static final String WORKFLOW_ID = GenerationRequest.workflowId(KEY);

  @TempDir Path dir;

  private RecordingHttpServer slack;
  private EmbeddedAuditStore audit;
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() throws Exception {
    slack = new RecordingHttpServer(r -> new Answer(503, "{}"));
    audit = EmbeddedAuditStore.open(dir);
    env = TestWorkflowEnvironment.newInstance();
    KeywardSearchAttributes.DEFINITIONS.forEach(
        (name, type) ->
            env.registerSearchAttribute(
                name,
                switch (type) {
                  case "KeywordList" -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST;
                  case "Datetime" -> IndexedValueType.INDEXED_VALUE_TYPE_DATETIME;
                  default -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
                }));
    Worker worker = env.newWorker(TaskQueues.CEREMONIES);
    worker.registerWorkflowImplementationTypes(KeyGenerationWorkflowImpl.class);
    byte[] secret = new byte[MasterSecret.MIN_BYTES];
    new SecureRandom().nextBytes(secret);
    worker.registerActivitiesImplementations(
        new KeyProviderActivitiesImpl(
            new ProviderRouting(
                List.of(new SoftwareKeyProvider(dir.resolve("keys"), MasterSecret.of(secret))),
                true)),
        new AuditActivitiesImpl(audit),
        SlackNotifications.of(
            SlackNotificationsTest.settings(slack.baseUrl()),
            new GiveUpRecord(audit, Clock.systemUTC())),
        new UnconfiguredTickets());
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
    slack.close();
    audit.close();
  }

  @Test
  void slackDownNeverHoldsUpOrFailsTheCeremony() {
    KeyGenerationWorkflow ceremony = request();
    ceremony.decide(decision("olivia", Role.CRYPTO_OFFICER, DecisionType.APPROVE, null));

    for (int i = 0; i < 100 && givenUp().isEmpty(); i++) {
      env.sleep(Duration.ofMinutes(1));
    }

    assertThat(givenUp())
        .singleElement()
        .satisfies(
            record ->
                assertThat(record.event().details())
                    .containsEntry("channel", "#key-approvals")
                    .containsEntry("attempts", "5"));
    assertThat(slack.requests()).hasSize(5);
    ceremony.decide(
        decision("lena", Role.SECURITY_TEAM_LEAD, DecisionType.DENY, "no business case"));
    GenerationOutcome outcome = WorkflowStub.fromTyped(ceremony).getResult(GenerationOutcome.class);
    assertThat(outcome.phase()).isEqualTo(GenerationPhase.DENIED);
  }

  private List<AuditRecord> givenUp() {
    return audit.recordsFor(WORKFLOW_ID).stream()
        .filter(r -> r.event().type().equals(SlackNotifications.GIVEN_UP))
        .toList();
  }

  private KeyGenerationWorkflow request() {
    WorkflowClient client = env.getWorkflowClient();
    KeyGenerationWorkflow ceremony =
        client.newWorkflowStub(
            KeyGenerationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WORKFLOW_ID)
                .setTaskQueue(TaskQueues.CEREMONIES)
                .build());
    WorkflowClient.start(
        ceremony::run,
        new GenerationRequest(
            KEY,
            new KeySpec(
                KeyType.RSA,
                3072,
                null,
                Set.of(KeyOperation.SIGN, KeyOperation.VERIFY),
                365,
                Map.of()),
            Classification.SECRET,
            "cards need signing",
            new Actor("alice", Set.of(Role.APPLICATION_OWNER)),
            null,
            null));
    return ceremony;
  }

  private static Decision decision(String who, Role role, DecisionType type, String reason) {
    return new Decision(new Actor(who, Set.of(role)), type, reason);
  }
}
