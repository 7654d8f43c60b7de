package io.keyward.workflows.testing;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.dependencies.DependencyActivities;
import io.keyward.workflows.dependencies.KeyDependent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A dependency map in memory for workflow tests. */
public final class InMemoryDependencies implements DependencyActivities {
  private final Map<KeyRef, List<KeyDependent>> map = new HashMap<>();

  public synchronized void put(KeyRef key, List<KeyDependent> dependents) {
    map.put(key, List.copyOf(dependents));
  }

  @Override
  public synchronized List<KeyDependent> dependentsOf(KeyRef key) {
    return map.getOrDefault(key, List.of());
  }
}
