package io.keyward.workflows.lifecycle;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * Starts key lifecycles as workflows of their own under {@code lifecycle/<vault>/<key>}, on the
 * caller's task queue. A key whose lifecycle is running keeps it: starting is idempotent.
 */
@ActivityInterface(namePrefix = "Lifecycle")
public interface LifecycleEnrolmentActivities {
  /** Starts a lifecycle for each key that has none running; returns the keys it started. */
  List<String> startMissing(List<LifecycleInput> inputs);
}
