package io.keyward.workflows.testing;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.PolicyMatrix;
import io.keyward.workflows.register.KeyOwner;
import io.keyward.workflows.register.KeyRegister;
import io.keyward.workflows.register.KeyRegisterActivities;
import io.keyward.workflows.register.KeyState;
import io.keyward.workflows.register.RegisterChange;
import io.keyward.workflows.register.RegisterEntries;
import io.keyward.workflows.register.RegisterLookup;
import io.keyward.workflows.register.RegisterUpdate;
import io.keyward.workflows.register.RegisteredKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The key register in memory, as the store and as its activity, for workflow tests. */
public final class InMemoryRegister implements KeyRegister {
  private final Map<String, RegisteredKey> keys = new TreeMap<>();
  private final Map<String, List<RegisterChange>> history = new HashMap<>();

  /** Registers {@code key} as a ceremony before the test would have. */
  public InMemoryRegister register(
      KeyRef key, Classification classification, KeyUsage usage, String owner) {
    apply(
        new RegisterUpdate(
            key,
            "test/" + key + "/" + classification + "/" + usage + "/" + owner,
            "keygen/" + key,
            "test",
            Instant.parse("2026-01-01T00:00:00Z"),
            classification,
            usage,
            new KeyOwner("app-" + owner, owner),
            PolicyMatrix.policyFor(classification).protection(),
            null,
            KeyState.ACTIVE,
            null));
    return this;
  }

  @Override
  public synchronized Optional<RegisteredKey> find(KeyRef key) {
    return Optional.ofNullable(keys.get(key.toString()));
  }

  @Override
  public synchronized List<RegisterChange> history(KeyRef key) {
    return List.copyOf(history.getOrDefault(key.toString(), List.of()));
  }

  @Override
  public synchronized Optional<RegisteredKey> apply(RegisterUpdate update) {
    String name = update.key().toString();
    RegisterEntries.Applied applied =
        RegisterEntries.apply(
            Optional.ofNullable(keys.get(name)), history.getOrDefault(name, List.of()), update);
    applied.entry().ifPresent(entry -> keys.put(name, entry));
    history.computeIfAbsent(name, n -> new ArrayList<>()).addAll(applied.changes());
    return applied.entry();
  }

  @Override
  public synchronized List<RegisteredKey> all() {
    return List.copyOf(keys.values());
  }

  /** This register as the activity ceremonies call; register it on the test's worker. */
  public KeyRegisterActivities activities() {
    return new KeyRegisterActivities() {
      @Override
      public RegisterLookup find(KeyRef key) {
        return new RegisterLookup(key, InMemoryRegister.this.find(key).orElse(null));
      }

      @Override
      public List<RegisterLookup> findAll(List<KeyRef> keys) {
        return keys.stream().map(this::find).toList();
      }

      @Override
      public RegisterLookup apply(RegisterUpdate update) {
        return new RegisterLookup(update.key(), InMemoryRegister.this.apply(update).orElse(null));
      }
    };
  }
}
