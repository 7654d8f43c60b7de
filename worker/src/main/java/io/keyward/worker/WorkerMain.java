package io.keyward.worker;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.concurrent.CountDownLatch;

/** The worker role on its own: {@code java -cp ... io.keyward.worker.WorkerMain}. */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    WorkerSettings settings = WorkerSettings.fromEnvironment(System.getenv());
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(settings.temporalTarget()).build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build());
    KeywardActivities activities = KeywardActivities.open(settings, System.getenv());
    KeywardWorker worker = KeywardWorker.start(client, settings.taskQueue(), activities);
    ReconciliationSchedule.ensure(
        ScheduleClient.newInstance(
            service, ScheduleClientOptions.newBuilder().setNamespace(settings.namespace()).build()),
        settings.taskQueue());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  worker.close();
                  activities.close();
                  service.shutdown();
                  stopped.countDown();
                },
                "keyward-worker-shutdown"));
    stopped.await();
  }
}
