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
    WorkerLogging.configure(env);
    WorkerSettings settings = WorkerSettings.fromEnvironment(env);
    WorkerAdminSettings admin = WorkerAdminSettings.fromEnvironment(env);
    WorkerMetrics metrics = new WorkerMetrics();
    WorkflowServiceStubs service =
        TemporalClients.stubs(
            TemporalConnection.fromEnvironment(env, settings.temporalTarget()),
            env,
            metrics.temporalScope());
    WorkflowClient client =
        TemporalClients.client(
            service,
            settings.namespace(),
            TemporalClients.dataConverter(
                CodecSettings.fromEnvironment(env, settings.dataDir(), settings.devMode()), env));
    KeywardActivities activities = KeywardActivities.open(settings, env, metrics.registry());
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
