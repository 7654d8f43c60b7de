package io.keyward.worker;

import io.keyward.workflows.codec.CodecSettings;
import io.keyward.workflows.connection.TemporalConnection;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The worker role on its own: {@code java -cp ... io.keyward.worker.WorkerMain}. Configured from
 * the environment: {@link WorkerSettings}, the connection ({@link TemporalConnection}: TLS, mutual
 * TLS, API key) and the payload codec ({@link CodecSettings}).
 */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> env = System.getenv();
    WorkerSettings settings = WorkerSettings.fromEnvironment(env);
    WorkflowServiceStubs service =
        TemporalClients.stubs(
            TemporalConnection.fromEnvironment(env, settings.temporalTarget()), env);
    WorkflowClient client =
        TemporalClients.client(
            service,
            settings.namespace(),
            TemporalClients.dataConverter(
                CodecSettings.fromEnvironment(env, settings.dataDir(), settings.devMode()), env));
    KeywardActivities activities = KeywardActivities.open(settings, env);
    KeywardWorker worker = KeywardWorker.start(client, settings.taskQueue(), activities);
    ReconciliationSchedule.ensure(
        ScheduleClient.newInstance(
            service,
            ScheduleClientOptions.newBuilder()
                .setNamespace(settings.namespace())
                .setDataConverter(client.getOptions().getDataConverter())
                .build()),
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
