package io.keyward.worker;

import io.keyward.workflows.attestation.TrustedKeys;
import io.keyward.workflows.attestation.VerifyingWorkerInterceptor;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running worker: polls the ceremonies task queue until closed. Closing lets in-flight workflow
 * and activity tasks finish (up to 30 seconds) before the process goes.
 */
public final class KeywardWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KeywardWorker.class);
  private static final Duration DRAIN = Duration.ofSeconds(30);

  private final WorkerFactory factory;

  private KeywardWorker(WorkerFactory factory) {
    this.factory = factory;
  }

  /** With the signing keys the activities were opened with ({@link KeywardActivities#open}). */
  public static KeywardWorker start(
      WorkflowClient client, String taskQueue, KeywardActivities activities) {
    return start(client, taskQueue, activities, activities.trustedSigners());
  }

  /**
   * Every workflow runs behind {@link VerifyingWorkerInterceptor}: people's inputs count only when
   * signed by one of {@code trusted}.
   */
  public static KeywardWorker start(
      WorkflowClient client, String taskQueue, KeywardActivities activities, TrustedKeys trusted) {
    boolean virtualThreads = Runtime.version().feature() >= 21;
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setUsingVirtualWorkflowThreads(virtualThreads)
                .setWorkerInterceptors(
                    new VerifyingWorkerInterceptor(trusted, client.getOptions().getDataConverter()))
                .build());
    Worker worker = factory.newWorker(taskQueue);
    CeremonyRegistrations.register(worker, activities);
    factory.start();
    LOG.info(
        "Worker polling task queue {} in namespace {}{}",
        taskQueue,
        client.getOptions().getNamespace(),
        virtualThreads ? " (virtual workflow threads)" : "");
    return new KeywardWorker(factory);
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(DRAIN.toSeconds(), TimeUnit.SECONDS);
    if (!factory.isTerminated()) {
      LOG.warn("Worker tasks still running after {}; stopping them", DRAIN);
      factory.shutdownNow();
    }
  }
}
