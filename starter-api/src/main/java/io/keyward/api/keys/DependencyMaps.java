package io.keyward.api.keys;

import io.keyward.api.access.DependencyMapAccess;
import io.keyward.api.errors.ForbiddenException;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.dependencies.DependencyMap;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.policy.RotationRoles;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Reads and updates the dependency map (which applications use which key, runbook 6.3). Anyone
 * signed in may read it. A key's entry is changed by those who rotate keys (crypto officers and key
 * custodians, runbook 4.2) or by the key's accountable owner in the key register, when they hold
 * the application-owner role; another application owner may not touch it. Every change goes to the
 * audit trail as {@value #UPDATED}.
 */
public final class DependencyMaps {
  public static final String UPDATED = "DEPENDENCY_MAP_UPDATED";

  private final DependencyMap map;
  private final RegisteredKeys register;
  private final AuditStore audit;
  private final Clock clock;

  public DependencyMaps(DependencyMap map, RegisteredKeys register, AuditStore audit, Clock clock) {
    this.map = map;
    this.register = register;
    this.audit = audit;
    this.clock = clock;
  }

  public List<KeyDependent> dependentsOf(KeyRef key) {
    return map.dependentsOf(key);
  }

  /** The whole map, {@code vault/name} to its dependents, keys in name order. */
  public Map<String, List<KeyDependent>> all() {
    Map<String, List<KeyDependent>> all = new LinkedHashMap<>();
    map.all().forEach((key, dependents) -> all.put(key.toString(), dependents));
    return all;
  }

  /** Replaces what is recorded for the key; an empty list removes it. */
  public List<KeyDependent> replace(KeyRef key, Actor actor, List<DependentBody> body) {
    if (!DependencyMapAccess.mayChange(actor, register.find(key))) {
      throw new ForbiddenException(
          actor.id()
              + " may not change the dependency map of "
              + key
              + ": that needs one of "
              + new TreeSet<>(RotationRoles.ROTATORS)
              + ", or the key's accountable owner in the key register");
    }
    if (body == null) {
      throw new IllegalArgumentException(
          "a JSON array of dependents is required, e.g. [{\"application\":\"payments\","
              + "\"owner\":\"alice\",\"contact\":\"#payments\"}]; [] removes the key");
    }
    List<KeyDependent> dependents = new ArrayList<>();
    for (DependentBody entry : body) {
      if (entry == null) {
        throw new IllegalArgumentException("dependents[" + dependents.size() + "] is empty");
      }
      dependents.add(entry.toDependent());
    }
    List<KeyDependent> before = map.dependentsOf(key);
    map.replace(key, dependents);
    Map<String, String> details = new HashMap<>();
    details.put("key", key.toString());
    details.put("before", names(before));
    details.put("after", names(dependents));
    audit.append(
        new AuditEvent(
            UUID.randomUUID().toString(),
            subject(key),
            UPDATED,
            actor.id(),
            clock.instant(),
            details));
    return map.dependentsOf(key);
  }

  /** The audit subject of a key's dependency map. */
  public static String subject(KeyRef key) {
    return "dependencies/" + key;
  }

  private static String names(List<KeyDependent> dependents) {
    return String.join(", ", dependents.stream().map(KeyDependent::application).toList());
  }
}
