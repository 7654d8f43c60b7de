package io.keyward.worker;

import io.keyward.workflows.breakglass.BreakGlassWorkflowImpl;
import io.keyward.workflows.classification.ClassificationChangeWorkflowImpl;
import io.keyward.workflows.compromise.CompromiseResponseWorkflowImpl;
import io.keyward.workflows.credential.CredentialEnrolmentWorkflowImpl;
import io.keyward.workflows.generation.KeyGenerationWorkflowImpl;
import io.keyward.workflows.lifecycle.KeyLifecycleWorkflowImpl;
import io.keyward.workflows.lifecycle.KeyReconciliationWorkflowImpl;
import io.keyward.workflows.rotation.ManualRotationWorkflowImpl;
import io.keyward.workflows.servicenow.ServiceNowTicketWorkflowImpl;
import io.temporal.worker.Worker;

/** The one list of what a Keyward worker runs; tests and the dev launcher register through it. */
public final class CeremonyRegistrations {
  private CeremonyRegistrations() {}

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
}
