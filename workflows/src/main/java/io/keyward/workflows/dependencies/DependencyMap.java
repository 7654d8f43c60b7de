package io.keyward.workflows.dependencies;

import io.keyward.workflows.common.KeyRef;
import java.util.List;
import java.util.Map;

/**
 * Which applications use which key (runbook 6.3 "dependency mapping", 11 impact assessment), kept
 * as data people read and update through the API and rotations read through an activity.
 */
public interface DependencyMap {
  /**
   * The applications recorded as using {@code key}, in the order they were recorded; empty when
   * none.
   */
  List<KeyDependent> dependentsOf(KeyRef key);

  /**
   * Replaces what is recorded for {@code key}; an empty list removes the key from the map.
   *
   * @throws IllegalArgumentException when an entry is incomplete (see {@link DependencyMapRules})
   */
  void replace(KeyRef key, List<KeyDependent> dependents);

  /** The whole map, keys in name order. */
  Map<KeyRef, List<KeyDependent>> all();
}
