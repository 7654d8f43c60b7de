package io.keyward.activities.dependencies;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.dependencies.DependencyActivities;
import io.keyward.workflows.dependencies.DependencyMap;
import io.keyward.workflows.dependencies.KeyDependent;
import java.util.List;
import java.util.Objects;

/**
 * The dependency map as an activity. A map that cannot be read fails the attempt (retried by the
 * workflow's policy); it never answers "no dependents" for a map it could not read.
 */
public final class DependencyActivitiesImpl implements DependencyActivities {
  private final DependencyMap map;

  public DependencyActivitiesImpl(DependencyMap map) {
    this.map = Objects.requireNonNull(map, "map");
  }

  @Override
  public List<KeyDependent> dependentsOf(KeyRef key) {
    if (key == null) {
      throw new IllegalArgumentException("no key named");
    }
    return map.dependentsOf(key);
  }
}
