package io.keyward.workflows.compromise;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.dependencies.DependencyActivities;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.incident.CallLog;
import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A dependency map in memory; can be made unreadable. */
final class MappedDependencies implements DependencyActivities {
  private final Map<KeyRef, List<KeyDependent>> map = new HashMap<>();
  private final CallLog log;
  private volatile boolean unreadable;

  MappedDependencies(CallLog log) {
    this.log = log;
  }

  MappedDependencies with(KeyRef key, KeyDependent... dependents) {
    map.put(key, List.of(dependents));
    return this;
  }

  void makeUnreadable() {
    unreadable = true;
  }

  @Override
  public List<KeyDependent> dependentsOf(KeyRef key) {
    log.add("dependencies:dependentsOf");
    if (unreadable) {
      throw ApplicationFailure.newNonRetryableFailure(
          "dependency map store is offline", "DependencyMapUnavailable");
    }
    return map.getOrDefault(key, List.of());
  }
}
