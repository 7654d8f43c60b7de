package io.keyward.bench;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.generation.Decision;
import io.keyward.workflows.generation.DecisionType;
import io.keyward.workflows.generation.GenerationOutcome;
import io.keyward.workflows.generation.GenerationPhase;
import io.keyward.workflows.generation.GenerationRequest;
import io.keyward.workflows.generation.GenerationState;
import io.keyward.workflows.generation.KeyGenerationWorkflow;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * A SECRET EC P-384 generation through the Temporal client: two approvals, generate, verify,
 * register. The keys it registered are kept for the compromise reports.
 */
final class GenerationDriver implements CeremonyDriver {
  static final KeySpec SPEC =
      new KeySpec(
          KeyType.EC,
          null,
          EcCurve.P_384,
          Set.of(KeyOperation.SIGN, KeyOperation.VERIFY),
          365,
          Map.of());

  private static final Actor ALICE = new Actor("alice", Set.of(Role.APPLICATION_OWNER));
  private static final Actor OLIVIA = new Actor("olivia", Set.of(Role.CRYPTO_OFFICER));
  private static final Actor LENA = new Actor("lena", Set.of(Role.SECURITY_TEAM_LEAD));
  private static final Actor KIM = new Actor("kim", Set.of(Role.KEY_CUSTODIAN));
  private static final Actor KAI = new Actor("kai", Set.of(Role.KEY_CUSTODIAN));
  private static final Actor SAM = new Actor("sam", Set.of(Role.SECURITY_ENGINEER));

  private final WorkflowClient client;
  private final String runTag;
  private final Queue<KeyRef> registered = new ConcurrentLinkedQueue<>();

  GenerationDriver(WorkflowClient client, String runTag) {
    this.client = client;
    this.runTag = runTag;
  }

  @Override
  public String name() {
    return "Keyward generation";
  }

  @Override
  public void run(int n, DecisionTimings roundTrips) throws Exception {
    KeyRef key = key(n);
    KeyGenerationWorkflow ceremony = start(key);
    awaitPhase(ceremony, GenerationPhase.AWAITING_APPROVAL, roundTrips);
    decide(
        ceremony, OLIVIA, DecisionType.APPROVE, s -> s.approvers().contains("olivia"), roundTrips);
    decide(ceremony, LENA, DecisionType.APPROVE, s -> s.approvers().contains("lena"), roundTrips);
    awaitPhase(ceremony, GenerationPhase.AWAITING_GENERATION, roundTrips);
    decide(ceremony, KIM, DecisionType.GENERATE, s -> "kim".equals(s.custodian1()), roundTrips);
    awaitPhase(ceremony, GenerationPhase.AWAITING_VERIFICATION, roundTrips);
    decide(ceremony, KAI, DecisionType.VERIFY, s -> "kai".equals(s.custodian2()), roundTrips);
    awaitPhase(ceremony, GenerationPhase.AWAITING_REGISTRATION, roundTrips);
    decide(
        ceremony, SAM, DecisionType.REGISTER, s -> "sam".equals(s.securityValidator()), roundTrips);
    GenerationOutcome outcome = WorkflowStub.fromTyped(ceremony).getResult(GenerationOutcome.class);
    if (outcome.phase() != GenerationPhase.REGISTERED) {
      throw new IllegalStateException("ceremony " + key + " ended " + outcome);
    }
    registered.add(key);
  }

  /** Starts ceremony {@code n} and leaves it waiting for its approvers. */
  void startWaiting(int n) {
    start(key(n));
  }

  /** A key this driver registered and no one has taken yet; empty when none is left. */
  Optional<KeyRef> takeRegistered() {
    return Optional.ofNullable(registered.poll());
  }

  String workflowId(int n) {
    return GenerationRequest.workflowId(key(n));
  }

  private KeyRef key(int n) {
    return new KeyRef("kv-bench", "key-" + runTag + "-" + n);
  }

  private KeyGenerationWorkflow start(KeyRef key) {
    KeyGenerationWorkflow ceremony =
        client.newWorkflowStub(
            KeyGenerationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(GenerationRequest.workflowId(key))
                .setTaskQueue(TaskQueues.CEREMONIES)
                .build());
    WorkflowClient.start(
        ceremony::run,
        new GenerationRequest(key, SPEC, Classification.SECRET, "benchmark", ALICE, null, null));
    return ceremony;
  }

  private static void decide(
      KeyGenerationWorkflow ceremony,
      Actor who,
      DecisionType type,
      Predicate<GenerationState> visible,
      DecisionTimings roundTrips)
      throws Exception {
    roundTrips.thinkFirst();
    long start = System.nanoTime();
    GenerationState answer = ceremony.decide(new Decision(who, type, null));
    roundTrips.answered().add(System.nanoTime() - start);
    if (!visible.test(answer)) {
      throw new IllegalStateException("the decide Update answered a state without the decision");
    }
    if (roundTrips.visible() != null) {
      while (!visible.test(ceremony.state())) {
        Thread.sleep(1);
      }
      roundTrips.visible().add(System.nanoTime() - start);
    }
  }

  /** Looks at {@code ceremony} as {@code roundTrips}' people do until it shows {@code phase}. */
  static void awaitPhase(
      KeyGenerationWorkflow ceremony, GenerationPhase phase, DecisionTimings roundTrips)
      throws Exception {
    roundTrips.awaitStep(() -> ceremony.state().phase() == phase);
  }
}
