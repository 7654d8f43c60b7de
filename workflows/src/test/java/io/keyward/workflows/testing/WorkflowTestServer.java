package io.keyward.workflows.testing;

import io.keyward.workflows.common.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh time-skipping test server for each test, registered as a static {@code RegisterExtension}
 * field, whose workers stop without the test waiting for them.
 *
 * <p>Starting a test server takes a few milliseconds; {@link TestWorkflowEnvironment#close()} waits
 * for the workers of the environment's own factory to wind down, about half a second a test. Here
 * the test's workers come from a factory of their own ({@link #startWorker}): after the test they
 * are told to stop, the server is closed at once, and the class waits for the stopped workers only
 * when all its tests are done.
 *
 * <p>A server per test, not one per class: the test server keeps its clock locked for an activity
 * or workflow task that was pending when its workflow was terminated, so workflows left open by one
 * test cannot be cleaned away without stopping time skipping for the tests after it.
 */
public final class WorkflowTestServer
    implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {
  private final Supplier<TestWorkflowEnvironment> environments;
  private final List<WorkerFactory> testWorkers = new ArrayList<>();
  private final List<WorkerFactory> stoppedWorkers = new ArrayList<>();
  private TestWorkflowEnvironment env;

  private WorkflowTestServer(Supplier<TestWorkflowEnvironment> environments) {
    this.environments = environments;
  }

  /** Servers with Keyward's search attributes, each of its own type. */
  public static WorkflowTestServer withKeywardSearchAttributes() {
    return new WorkflowTestServer(KeywardTestEnvironment::newInstance);
  }

  /** Servers made by {@code environments}, for a class that registers its search attributes. */
  public static WorkflowTestServer of(Supplier<TestWorkflowEnvironment> environments) {
    return new WorkflowTestServer(environments);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    env = environments.get();
    env.start();
  }

  /** The running test's environment: its client, clock, time skipping and sleep. */
  public TestWorkflowEnvironment env() {
    return env;
  }

  /**
   * Starts a worker on {@link TaskQueues#CEREMONIES} for the running test, registered by {@code
   * registration}.
   */
  public WorkerFactory startWorker(Consumer<Worker> registration) {
    return startWorker(WorkerOptions.getDefaultInstance(), registration);
  }

  /**
   * Starts a worker with {@code options} on {@link TaskQueues#CEREMONIES} for the running test. A
   * test may stop it and start another; whatever it leaves running is stopped after the test.
   */
  public WorkerFactory startWorker(WorkerOptions options, Consumer<Worker> registration) {
    // Like the environment's own workers: a client without the test client's time locking.
    WorkerFactory factory =
        WorkerFactory.newInstance(
            WorkflowClient.newInstance(
                env.getWorkflowServiceStubs(),
                WorkflowClientOptions.newBuilder().setNamespace(env.getNamespace()).build()));
    registration.accept(factory.newWorker(TaskQueues.CEREMONIES, options));
    factory.start();
    testWorkers.add(factory);
    return factory;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    testWorkers.forEach(WorkerFactory::shutdownNow);
    stoppedWorkers.addAll(testWorkers);
    testWorkers.clear();
    if (env != null) {
      env.close();
      env = null;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stoppedWorkers.forEach(factory -> factory.awaitTermination(10, TimeUnit.SECONDS));
  }
}
