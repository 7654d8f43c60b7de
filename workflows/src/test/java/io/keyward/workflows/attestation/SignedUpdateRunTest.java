package io.keyward.workflows.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.generation.Decision;
import io.keyward.workflows.generation.DecisionType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.GlobalDataConverter;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which run a signed Update is signed for and sent to when the API names only the workflow: the run
 * the API's client started or last described, without asking Temporal again; and, when that run has
 * ended since (another replica ended it and started the workflow again, a reset, a
 * continue-as-new), the current run, described once and signed for afresh. Every Update here passes
 * the worker's signature check for the run that answers it.
 */
class SignedUpdateRunTest {
  private static final String QUEUE = "signed-update-runs";
  private static final Decision APPROVE =
      new Decision(new Actor("olivia", Set.of(Role.CRYPTO_OFFICER)), DecisionType.APPROVE, "ok");

  private final JdkSigner signer = new JdkSigner("software:keyward/decisions@1");
  private final AtomicInteger describes = new AtomicInteger();
  private TestWorkflowEnvironment env;

  @WorkflowInterface
  public interface Door {
    @WorkflowMethod
    void open();

    /** The run that took the decision. */
    @UpdateMethod
    String decide(Decision decision);
  }

  public static final class DoorImpl implements Door {
    @Override
    public void open() {
      Workflow.await(() -> false);
    }

    @Override
    public String decide(Decision decision) {
      return Workflow.getInfo().getRunId();
    }
  }

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(false)
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(
                            new VerifyingWorkerInterceptor(
                                new TrustedKeys(List.of(signer.trusted(null))),
                                GlobalDataConverter.get()))
                        .build())
                .build());
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(DoorImpl.class);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void updatesAfterItsOwnStartAskNoDescribe() {
    WorkflowClient api = signingClient();
    String run = start(api, "door-1");
    assertThat(decide(api, "door-1")).isEqualTo(run);
    assertThat(decide(api, "door-1")).isEqualTo(run);
    assertThat(describes).hasValue(0);
  }

  @Test
  void aWorkflowFirstSeenIsDescribedOnce() {
    String run = start(signingClient(), "door-2");
    WorkflowClient otherReplica = signingClient();
    assertThat(decide(otherReplica, "door-2")).isEqualTo(run);
    assertThat(decide(otherReplica, "door-2")).isEqualTo(run);
    assertThat(describes).hasValue(1);
  }

  @Test
  void aRunEndedSinceIsReplacedByTheCurrentOne() {
    WorkflowClient api = signingClient();
    String first = start(api, "door-3");
    WorkflowClient otherReplica = signingClient();
    otherReplica.newUntypedWorkflowStub("door-3").terminate("started again");
    String second = start(otherReplica, "door-3");
    assertThat(second).isNotEqualTo(first);
    describes.set(0);

    assertThat(decide(api, "door-3")).isEqualTo(second);
    assertThat(describes).hasValue(1);
    assertThat(decide(api, "door-3")).isEqualTo(second);
    assertThat(describes).hasValue(1);
  }

  @Test
  void aRunEndedWithNoneSinceIsNotFound() {
    WorkflowClient api = signingClient();
    start(api, "door-4");
    api.newUntypedWorkflowStub("door-4").terminate("done");
    assertThatThrownBy(() -> decide(api, "door-4")).isInstanceOf(WorkflowNotFoundException.class);
  }

  /** The API's client: signing (the last interceptor is the outermost), its describes counted. */
  private WorkflowClient signingClient() {
    WorkflowClient plain = env.getWorkflowClient();
    WorkflowClientOptions options = plain.getOptions();
    return WorkflowClient.newInstance(
        plain.getWorkflowServiceStubs(),
        WorkflowClientOptions.newBuilder(options)
            .setInterceptors(
                new CountingDescribes(),
                new SigningClientInterceptor(
                    options.getNamespace(), signer, Clock.systemUTC(), options.getDataConverter()))
            .build());
  }

  private static String start(WorkflowClient client, String workflowId) {
    Door door =
        client.newWorkflowStub(
            Door.class,
            WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(QUEUE).build());
    return WorkflowClient.start(door::open).getRunId();
  }

  private static String decide(WorkflowClient client, String workflowId) {
    return client.newWorkflowStub(Door.class, workflowId).decide(APPROVE);
  }

  private final class CountingDescribes extends WorkflowClientInterceptorBase {
    @Override
    public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(
        WorkflowClientCallsInterceptor next) {
      return new WorkflowClientCallsInterceptorBase(next) {
        @Override
        public DescribeWorkflowOutput describe(DescribeWorkflowInput input) {
          describes.incrementAndGet();
          return super.describe(input);
        }
      };
    }
  }
}
