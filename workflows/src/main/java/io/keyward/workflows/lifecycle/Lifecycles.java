package io.keyward.workflows.lifecycle;

import io.keyward.workflows.rotation.RotationActivityOptions;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * Starts key lifecycles from workflow code (generation registering a key, reconciliation) through
 * {@link LifecycleEnrolmentActivities}: each lifecycle is a workflow of its own, not a child, so it
 * lives on for years whatever becomes of the workflow that started it. Create in workflow code.
 */
public final class Lifecycles {
  private final LifecycleEnrolmentActivities enrolment =
      Workflow.newActivityStub(LifecycleEnrolmentActivities.class, RotationActivityOptions.LOOKUPS);

  /** Starts the lifecycle; false when the key already has a running one. */
  public boolean start(LifecycleInput input) {
    return !enrolment.startMissing(List.of(input)).isEmpty();
  }

  /** Starts the lifecycles of the keys that have none; returns the keys it started. */
  public List<String> startMissing(List<LifecycleInput> inputs) {
    return inputs.isEmpty() ? List.of() : enrolment.startMissing(inputs);
  }
}
