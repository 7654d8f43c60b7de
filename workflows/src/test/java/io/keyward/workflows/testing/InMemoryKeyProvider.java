package io.keyward.workflows.testing;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.BackupCheck;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import io.keyward.workflows.policy.ProtectionLevel;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake provider for workflow tests: keeps versions in memory, honours idempotency keys, and can
 * be told to lose the answer of its next creates (the version is made, the caller sees a failure),
 * which is what a retried create must survive.
 */
public final class InMemoryKeyProvider implements KeyProviderActivities {
  private final Map<KeyRef, List<KeyVersionInfo>> keys = new HashMap<>();
  private final Map<String, KeyVersionInfo> byIdempotencyKey = new HashMap<>();
  private final AtomicInteger lostAnswers = new AtomicInteger();
  private final AtomicInteger createCalls = new AtomicInteger();
  private final List<String> calls = new ArrayList<>();

  public void loseNextCreateAnswers(int count) {
    lostAnswers.set(count);
  }

  public int createCalls() {
    return createCalls.get();
  }

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public synchronized KeyVersionInfo create(CreateKeyCommand command) {
    calls.add("create");
    createCalls.incrementAndGet();
    KeyVersionInfo made = byIdempotencyKey.get(command.idempotencyKey());
    if (made == null) {
      List<KeyVersionInfo> versions = keys.computeIfAbsent(command.key(), k -> new ArrayList<>());
      made =
          new KeyVersionInfo(
              command.key(),
              "v" + (versions.size() + 1),
              command.spec().type(),
              command.spec().size(),
              command.spec().curve(),
              command.attributes().operations(),
              command.attributes().enabled(),
              Instant.parse("2026-11-28T00:00:00Z"),
              command.attributes().notBefore(),
              command.attributes().expires(),
              command.attributes().tags(),
              "in-memory",
              ProtectionLevel.DEDICATED_HSM,
              command.spec().type().name().startsWith("R")
                      || command.spec().type().name().equals("EC")
                  ? "fingerprint-" + versions.size()
                  : null);
      versions.add(made);
      byIdempotencyKey.put(command.idempotencyKey(), made);
    }
    if (lostAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("connection reset before the answer arrived");
    }
    return made;
  }

  @Override
  public synchronized KeyVersionInfo describe(KeyRef key, String version) {
    calls.add("describe");
    return listVersions(key).stream()
        .filter(v -> v.version().equals(version))
        .findFirst()
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "no version " + version + " of " + key, "KeyNotFound"));
  }

  @Override
  public synchronized List<KeyVersionInfo> listVersions(KeyRef key) {
    return List.copyOf(keys.getOrDefault(key, List.of()));
  }

  @Override
  public synchronized KeyVersionInfo setEnabled(KeyRef key, String version, boolean enabled) {
    calls.add(enabled ? "enable" : "disable");
    List<KeyVersionInfo> versions = keys.get(key);
    for (int i = 0; i < versions.size(); i++) {
      KeyVersionInfo v = versions.get(i);
      if (v.version().equals(version)) {
        KeyVersionInfo changed =
            new KeyVersionInfo(
                v.key(),
                v.version(),
                v.type(),
                v.size(),
                v.curve(),
                v.operations(),
                enabled,
                v.created(),
                v.notBefore(),
                v.expires(),
                v.tags(),
                v.provider(),
                v.protection(),
                v.publicKeyFingerprint());
        versions.set(i, changed);
        return changed;
      }
    }
    throw ApplicationFailure.newNonRetryableFailure("no version " + version, "KeyNotFound");
  }

  @Override
  public synchronized RoundTripResult roundTrip(KeyRef key, String version) {
    calls.add("roundTrip");
    boolean enabled = describe(key, version).enabled();
    return new RoundTripResult(version, "sign/verify", enabled, enabled ? "ok" : "disabled");
  }

  @Override
  public synchronized List<KeyVersionInfo> disableAllVersions(KeyRef key) {
    calls.add("disableAll");
    for (KeyVersionInfo v : listVersions(key)) {
      if (v.enabled()) {
        setEnabled(key, v.version(), false);
      }
    }
    return listVersions(key);
  }

  @Override
  public synchronized BackupCheck verifyBackup(KeyRef key) {
    calls.add("verifyBackup");
    int versions = listVersions(key).size();
    return new BackupCheck(versions > 0, versions, versions > 0 ? "restored" : "no such key");
  }

  @Override
  public synchronized List<KeyRef> listKeys() {
    return List.copyOf(keys.keySet());
  }
}
