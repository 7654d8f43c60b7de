package io.keyward.workflows.register;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.ProtectionLevel;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One key's entry in the key register: the facts the rules read (classification, usage, owner),
 * where it must be kept, the spec the quorum approved, its state and version in use, and for each
 * fact the ceremony (workflow id) that last changed it. Only ceremonies write it ({@link
 * KeyRegisterActivities}); the history of every change is {@link KeyRegister#history}.
 *
 * @param spec the approved spec; null for a key whose facts a classification ceremony set
 * @param version the version in use when a ceremony last recorded one; null when none did
 * @param changedBy the workflow id of the ceremony that last changed each fact
 * @param lastChange the change id of the last update applied, so a retried update is not applied
 *     twice even when it changed nothing
 */
public record RegisteredKey(
    KeyRef key,
    Classification classification,
    KeyUsage usage,
    KeyOwner owner,
    ProtectionLevel protection,
    KeySpec spec,
    KeyState state,
    String version,
    Map<KeyFact, String> changedBy,
    Instant registeredAt,
    Instant updatedAt,
    String lastChange) {
  public RegisteredKey {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(classification, "classification");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(protection, "protection");
    Objects.requireNonNull(state, "state");
    changedBy =
        changedBy == null || changedBy.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(changedBy));
  }
}
