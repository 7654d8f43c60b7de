package io.keyward.workflows.register;

import io.keyward.workflows.policy.KeySpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How an update changes an entry, for every store to share: only facts that differ are changed,
 * each change becomes one {@link RegisterChange}, the changed facts name the update's ceremony, and
 * an update already applied (its change id is in the history or was the entry's last) changes
 * nothing. Plain code.
 */
public final class RegisterEntries {
  /** The entry after the update (empty when the key stays unregistered), and what changed. */
  public record Applied(Optional<RegisteredKey> entry, List<RegisterChange> changes) {
    public Applied {
      changes = List.copyOf(changes);
    }
  }

  private RegisterEntries() {}

  public static Applied apply(
      Optional<RegisteredKey> current, List<RegisterChange> history, RegisterUpdate update) {
    boolean seen =
        history.stream().anyMatch(c -> update.changeId().equals(c.changeId()))
            || current.map(e -> update.changeId().equals(e.lastChange())).orElse(false);
    if (seen) {
      return new Applied(current, List.of());
    }
    if (current.isEmpty() && !update.registers()) {
      return new Applied(current, List.of());
    }
    RegisteredKey old = current.orElse(null);
    List<RegisterChange> changes = new ArrayList<>();
    Map<KeyFact, String> changedBy = new EnumMap<>(KeyFact.class);
    if (old != null) {
      changedBy.putAll(old.changedBy());
    }
    var classification =
        change(
            changes,
            changedBy,
            update,
            KeyFact.CLASSIFICATION,
            old == null ? null : old.classification(),
            update.classification());
    var usage =
        change(
            changes,
            changedBy,
            update,
            KeyFact.USAGE,
            old == null ? null : old.usage(),
            update.usage());
    var owner =
        change(
            changes,
            changedBy,
            update,
            KeyFact.OWNER,
            old == null ? null : old.owner(),
            update.owner());
    var protection =
        change(
            changes,
            changedBy,
            update,
            KeyFact.PROTECTION,
            old == null ? null : old.protection(),
            update.protection());
    var spec =
        change(
            changes,
            changedBy,
            update,
            KeyFact.SPEC,
            old == null ? null : old.spec(),
            update.spec());
    var state =
        change(
            changes,
            changedBy,
            update,
            KeyFact.STATE,
            old == null ? null : old.state(),
            update.state());
    var version =
        change(
            changes,
            changedBy,
            update,
            KeyFact.VERSION,
            old == null ? null : old.version(),
            update.version());
    RegisteredKey next =
        new RegisteredKey(
            update.key(),
            classification,
            usage,
            owner,
            protection,
            spec,
            state,
            version,
            changedBy,
            old == null ? update.at() : old.registeredAt(),
            changes.isEmpty() && old != null ? old.updatedAt() : update.at(),
            update.changeId());
    return new Applied(Optional.of(next), changes);
  }

  private static <T> T change(
      List<RegisterChange> changes,
      Map<KeyFact, String> changedBy,
      RegisterUpdate update,
      KeyFact fact,
      T old,
      T wanted) {
    if (wanted == null || Objects.equals(old, wanted)) {
      return old;
    }
    changes.add(
        new RegisterChange(
            update.key(),
            fact,
            text(old),
            text(wanted),
            update.ceremony(),
            update.actor(),
            update.at(),
            update.changeId()));
    changedBy.put(fact, update.ceremony());
    return wanted;
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof KeyOwner owner) {
      return owner.describe();
    }
    if (value instanceof KeySpec spec) {
      return spec.describe();
    }
    return value.toString();
  }
}
