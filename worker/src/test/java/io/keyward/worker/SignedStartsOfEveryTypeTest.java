package io.keyward.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.activities.hsm.MasterSecret;
import io.keyward.activities.hsm.SoftwareKeyProvider;
import io.keyward.activities.stores.JdbcStores;
import io.keyward.workflows.attestation.SigningClientInterceptor;
import io.keyward.workflows.attestation.SigningKeySource;
import io.keyward.workflows.attestation.SigningSettings;
import io.keyward.workflows.attestation.VerifyingWorkerInterceptor;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.breakglass.BreakGlassDeclaration;
import io.keyward.workflows.breakglass.BreakGlassScope;
import io.keyward.workflows.breakglass.BreakGlassStartOptions;
import io.keyward.workflows.classification.ClassificationChangeRequest;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.compromise.CompromiseReport;
import io.keyward.workflows.compromise.CompromiseStartOptions;
import io.keyward.workflows.credential.CredentialEnrolmentStartOptions;
import io.keyward.workflows.credential.EnrolmentRequest;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.incident.Severity;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.register.KeyOwner;
import io.keyward.workflows.rotation.RotationRequest;
import io.keyward.workflows.rotation.RotationStartOptions;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every workflow type whose start names a person, on the worker as {@code KeywardWorker} starts it:
 * a start sent through the API's signing client runs, the same start from a plain client ends at
 * once with {@code START_REFUSED} in the audit trail and nothing else. With {@code
 * -Dkeyward.recordHistories=<dir>} both histories are saved as {@code <prefix>-signed-start} and
 * {@code <prefix>-unsigned-start-refused}, the new branch of {@code signed-starts} that each type's
 * replay test replays.
 */
class SignedStartsOfEveryTypeTest {
  private static final Actor ALICE = new Actor("alice", Set.of(Role.APPLICATION_OWNER));
  private static final Actor BOB = new Actor("bob", Set.of(Role.BREAK_GLASS_ADMIN));
  private static final Actor SAM = new Actor("sam", Set.of(Role.SECURITY_ENGINEER));

  @TempDir Path data;
  private TestWorkflowEnvironment env;
  private JdbcStores stores;
  private KeywardWorker worker;
  private WorkflowClient plain;
  private WorkflowClient api;

  /** A start of one type: its type name, history file prefix, and how to make one with a suffix. */
  record Start(String type, String prefix, BiFunction<String, Instant, Started> make) {
    @Override
    public String toString() {
      return type;
    }
  }

  /** The input and options of one start. */
  record Started(Object input, WorkflowOptions options) {}

  static Stream<Arguments> types() {
    return Stream.of(
            new Start(
                "ManualRotation",
                "rotation",
                (suffix, now) -> {
                  RotationRequest request =
                      new RotationRequest(
                          new KeyRef("kv-signed", "rotated-" + suffix),
                          now.plus(Duration.ofDays(1)),
                          "yearly rotation",
                          ALICE,
                          null,
                          null);
                  return new Started(
                      request, RotationStartOptions.of(request, TaskQueues.CEREMONIES));
                }),
            new Start(
                "ClassificationChange",
                "classification",
                (suffix, now) -> {
                  ClassificationChangeRequest request =
                      new ClassificationChangeRequest(
                          new KeyRef("kv-signed", "classified-" + suffix),
                          Classification.SECRET,
                          KeyUsage.DATABASE_TDE,
                          new KeyOwner("payments", "alice"),
                          "holds card data now",
                          ALICE,
                          null);
                  return new Started(
                      request,
                      WorkflowOptions.newBuilder()
                          .setWorkflowId(ClassificationChangeRequest.workflowId(request.key()))
                          .setTaskQueue(TaskQueues.CEREMONIES)
                          .build());
                }),
            new Start(
                "BreakGlass",
                "breakglass",
                (suffix, now) -> {
                  BreakGlassDeclaration declaration =
                      new BreakGlassDeclaration(
                          new IncidentId("INC00" + suffix),
                          BreakGlassScope.ofKeys(
                              List.of(new KeyRef("kv-signed", "glass-" + suffix))),
                          "orders database cannot decrypt",
                          Duration.ofMinutes(15),
                          BOB,
                          SAM);
                  return new Started(
                      declaration, BreakGlassStartOptions.of(declaration, TaskQueues.CEREMONIES));
                }),
            new Start(
                "CompromiseResponse",
                "compromise",
                (suffix, now) -> {
                  CompromiseReport report =
                      new CompromiseReport(
                          new IncidentId("INC01" + suffix),
                          new KeyRef("kv-signed", "leaked-" + suffix),
                          Severity.P2,
                          "key material found in a public paste",
                          SAM,
                          now);
                  return new Started(
                      report, CompromiseStartOptions.of(report, TaskQueues.CEREMONIES));
                }),
            new Start(
                "CredentialEnrolment",
                "credential",
                (suffix, now) -> {
                  EnrolmentRequest request =
                      new EnrolmentRequest(ALICE, "credential-" + suffix, null);
                  return new Started(
                      request, CredentialEnrolmentStartOptions.of(request, TaskQueues.CEREMONIES));
                }))
        .map(Arguments::of);
  }

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    KeywardSearchAttributes.DEFINITIONS.forEach(
        (name, type) -> env.registerSearchAttribute(name, indexed(type)));
    stores = JdbcStores.embedded(data);
    byte[] secret = new byte[MasterSecret.MIN_BYTES];
    new SecureRandom().nextBytes(secret);
    SoftwareKeyProvider software =
        new SoftwareKeyProvider(data.resolve("keys"), MasterSecret.of(secret));
    KeywardActivities activities = new KeywardActivities(stores, List.of(software), true);
    SigningSettings signing =
        new SigningSettings(SigningSettings.DEV_SIGNING_KEY, null, data, true);
    env.start();
    plain = env.getWorkflowClient();
    worker =
        KeywardWorker.start(
            plain,
            TaskQueues.CEREMONIES,
            activities,
            SigningKeySource.onClassPath().trusted(signing, Map.of()));
    api =
        SigningClientInterceptor.signing(
            plain, SigningKeySource.onClassPath().signer(signing, Map.of()), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    worker.close();
    env.close();
    stores.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void aSignedStartRunsAndAnUnsignedOneIsRefusedAndRecorded(Start start) {
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    Started signed = start.make().apply("1001", now);
    Started unsigned = start.make().apply("1002", now);

    api.newUntypedWorkflowStub(start.type(), signed.options()).start(signed.input());
    WorkflowStub refused = plain.newUntypedWorkflowStub(start.type(), unsigned.options());
    refused.start(unsigned.input());

    assertThatThrownBy(() -> refused.getResult(Object.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType())
                  .isEqualTo(VerifyingWorkerInterceptor.START_REFUSED_TYPE);
              assertThat(failure.getOriginalMessage())
                  .contains("a start of " + start.type())
                  .contains("is not signed by Keyward's API");
            });
    String refusedId = unsigned.options().getWorkflowId();
    List<AuditRecord> refusedTrail = stores.audit().recordsFor(refusedId);
    assertThat(refusedTrail).hasSize(1);
    assertThat(refusedTrail.get(0).event().type())
        .isEqualTo(VerifyingWorkerInterceptor.START_REFUSED);

    String signedId = signed.options().getWorkflowId();
    List<AuditRecord> signedTrail = awaitTrail(signedId);
    assertThat(signedTrail)
        .extracting(record -> record.event().type())
        .doesNotContain(VerifyingWorkerInterceptor.START_REFUSED);

    saveIfAsked(signedId, start.prefix() + "-signed-start");
    saveIfAsked(refusedId, start.prefix() + "-unsigned-start-refused");
  }

  /** The signed run's audit trail once the run has written to it. */
  private List<AuditRecord> awaitTrail(String workflowId) {
    for (int i = 0; i < 400 && stores.audit().recordsFor(workflowId).isEmpty(); i++) {
      env.sleep(Duration.ofMillis(50));
    }
    List<AuditRecord> trail = stores.audit().recordsFor(workflowId);
    assertThat(trail).as("the audit trail of " + workflowId).isNotEmpty();
    return trail;
  }

  /** As the workflows module's HistoryRecorder: {@code -Dkeyward.recordHistories=<dir>}. */
  private void saveIfAsked(String workflowId, String name) {
    String dir = System.getProperty("keyward.recordHistories");
    if (dir == null || dir.isBlank()) {
      return;
    }
    try {
      Files.createDirectories(Path.of(dir));
      Files.writeString(
          Path.of(dir).resolve(name + ".json"), plain.fetchHistory(workflowId).toJson(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static IndexedValueType indexed(String type) {
    return switch (type) {
      case "KeywordList" -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST;
      case "Datetime" -> IndexedValueType.INDEXED_VALUE_TYPE_DATETIME;
      default -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
    };
  }
}
