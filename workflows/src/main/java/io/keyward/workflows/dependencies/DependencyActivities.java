package io.keyward.workflows.dependencies;

import io.keyward.workflows.common.KeyRef;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Reads the dependency map: which applications use a key (runbook 6.3, 11 impact assessment). */
@ActivityInterface(namePrefix = "Dependencies")
public interface DependencyActivities {
  List<KeyDependent> dependentsOf(KeyRef key);
}
