package io.keyward.workflows.rotation;

import io.keyward.workflows.dependencies.KeyDependent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a key's dependency map before a rotation (runbook 6.3 "Dependency mapping validated"):
 * every application that uses the key must have an owner to answer for it and a contact to notify.
 * An empty map is a finding too: either nothing uses the key, or nobody recorded what does.
 */
public final class DependencyMapCheck {
  private DependencyMapCheck() {}

  /** Each problem as a sentence for the security review; empty when the map is complete. */
  public static List<String> findings(List<KeyDependent> dependents) {
    List<String> found = new ArrayList<>();
    if (dependents.isEmpty()) {
      found.add(
          "no application is recorded as using this key: confirm that none does, or record them"
              + " in the dependency map");
    }
    Set<String> seen = new HashSet<>();
    for (KeyDependent dependent : dependents) {
      String name = dependent.application();
      if (name == null || name.isBlank()) {
        found.add("a dependent has no application name");
        continue;
      }
      if (!seen.add(name)) {
        found.add(name + " is listed twice");
      }
      if (dependent.owner() == null || dependent.owner().isBlank()) {
        found.add(name + " has no application owner");
      }
      if (dependent.contact() == null || dependent.contact().isBlank()) {
        found.add(name + " has no contact to notify");
      }
    }
    return List.copyOf(found);
  }
}
