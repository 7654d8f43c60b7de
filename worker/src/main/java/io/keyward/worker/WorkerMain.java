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
    WorkerLogging.configure(System.getenv());
    WorkerSettings settings = WorkerSettings.fromEnvironment(System.getenv());
    WorkerAdminSettings admin = WorkerAdminSettings.fromEnvironment(System.getenv());
    WorkerMetrics metrics = new WorkerMetrics();
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(settings.temporalTarget())
                .setMetricsScope(metrics.temporalScope())
                .build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build());
    KeywardActivities activities =
        KeywardActivities.open(settings, System.getenv(), metrics.registry());
    KeywardWorker worker = KeywardWorker.start(client, settings.taskQueue(), activities);
    WorkerAdminServer adminServer =
        admin.enabled()
            ? WorkerAdminServer.start(
                admin,
                metrics.registry(),
                new WorkerHealth(service, activities.stores(), activities.providerHealth()))
            : null;
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
                  if (adminServer != null) {
                    adminServer.close();
                  }
                  activities.close();
                  service.shutdown();
                  metrics.close();
                  stopped.countDown();
                },
                "keyward-worker-shutdown"));
    stopped.await();
  }
}
