package io.keyward.workflows.hsm;

import io.keyward.workflows.policy.KeyOperation;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Public attributes set on a key version at creation (runbook 3.2: ops, not-before, expiry, tags).
 */
public record KeyAttributes(
    Set<KeyOperation> operations,
    Instant notBefore,
    Instant expires,
    boolean enabled,
    Map<String, String> tags) {
  public KeyAttributes {
    operations = operations == null ? Set.of() : Set.copyOf(operations);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }
}
