package io.keyward.worker;

import io.keyward.workflows.breakglass.BreakGlassWorkflowImpl;
import io.keyward.workflows.classification.ClassificationChangeWorkflowImpl;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.compromise.CompromiseResponseWorkflowImpl;
import io.keyward.workflows.credential.CredentialEnrolmentWorkflowImpl;
import io.keyward.workflows.generation.KeyGenerationWorkflowImpl;
import io.keyward.workflows.lifecycle.KeyLifecycleWorkflowImpl;
import io.keyward.workflows.lifecycle.KeyReconciliationWorkflowImpl;
import io.keyward.workflows.rotation.ManualRotationWorkflowImpl;
import io.keyward.workflows.servicenow.ServiceNowTicketWorkflowImpl;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;

/** The one list of what a Keyward worker runs; tests and the dev launcher register through it. */
public final class CeremonyRegistrations {
  /**
   * The compromise queue's own slots: a disable never waits for a slot behind ordinary ceremonies,
   * and a burst of reports cannot take the ceremonies' slots either.
   */
  static final WorkerOptions COMPROMISE_SLOTS =
      WorkerOptions.newBuilder()
          .setMaxConcurrentWorkflowTaskExecutionSize(50)
          .setMaxConcurrentActivityExecutionSize(50)
          .setMaxConcurrentLocalActivityExecutionSize(50)
          .build();

  private CeremonyRegistrations() {}

  /**
   * Both of a worker's queues on {@code factory}: {@code ceremonies} with every workflow type, and
   * its compromise queue ({@link TaskQueues#compromiseResponses}) with compromise responses and
   * their activities, on slots of their own.
   */
  public static void register(
      WorkerFactory factory, String ceremonies, KeywardActivities activities) {
    register(factory.newWorker(ceremonies), activities);
    registerCompromiseResponses(
        factory.newWorker(TaskQueues.compromiseResponses(ceremonies), COMPROMISE_SLOTS),
        activities);
  }

  /**
   * Every workflow type on the ceremonies queue. Compromise responses stay registered here: the
   * runs started before they had their own queue keep their tasks (and their activities') on this
   * one until they close.
   */
  public static void register(Worker worker, KeywardActivities activities) {
    worker.registerWorkflowImplementationTypes(KeyGenerationWorkflowImpl.class);
    worker.registerWorkflowImplementationTypes(
        BreakGlassWorkflowImpl.class, CompromiseResponseWorkflowImpl.class);
    worker.registerWorkflowImplementationTypes(ServiceNowTicketWorkflowImpl.class);
    worker.registerWorkflowImplementationTypes(ClassificationChangeWorkflowImpl.class);
    worker.registerWorkflowImplementationTypes(CredentialEnrolmentWorkflowImpl.class);
    worker.registerWorkflowImplementationTypes(
        ManualRotationWorkflowImpl.class,
        KeyLifecycleWorkflowImpl.class,
        KeyReconciliationWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities.implementations().toArray());
  }

  /**
   * Compromise responses on their own queue: the workflow type and the activities it schedules (on
   * the queue of the run, which is this one).
   */
  public static void registerCompromiseResponses(Worker worker, KeywardActivities activities) {
    worker.registerWorkflowImplementationTypes(CompromiseResponseWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities.implementations().toArray());
  }
}
