package io.keyward.workflows.incident;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.BackupCheck;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.ProtectionLevel;
import io.keyward.workflows.testing.InMemoryKeyProvider;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-memory provider with every call logged as {@code keys:<method>}, keys that tests can put
 * in place without logging, and a disable that can be told to fail its next calls the way an
 * unreachable HSM does.
 */
public final class LoggedKeyProvider implements KeyProviderActivities {
  private final InMemoryKeyProvider keys = new InMemoryKeyProvider();
  private final CallLog log;
  private final AtomicInteger failingDisables = new AtomicInteger();

  public LoggedKeyProvider(CallLog log) {
    this.log = log;
  }

  /** Puts an enabled RSA-3072 encrypt/decrypt key in place, tagged as given; not logged. */
  public KeyVersionInfo existing(KeyRef key, Map<String, String> tags) {
    KeySpec spec =
        new KeySpec(
            KeyType.RSA, 3072, null, Set.of(KeyOperation.ENCRYPT, KeyOperation.DECRYPT), 365, tags);
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    return keys.create(
        new CreateKeyCommand(
            key,
            spec,
            ProtectionLevel.MANAGED_HSM,
            new KeyAttributes(spec.operations(), from, from.plusSeconds(365L * 86400), true, tags),
            "seed/" + key + "/" + keys.listVersions(key).size()));
  }

  public void failNextDisables(int count) {
    failingDisables.set(count);
  }

  /** The versions as they are, without logging. */
  public List<KeyVersionInfo> versionsOf(KeyRef key) {
    return keys.listVersions(key);
  }

  @Override
  public KeyVersionInfo create(CreateKeyCommand command) {
    log.add("keys:create");
    return keys.create(command);
  }

  @Override
  public KeyVersionInfo describe(KeyRef key, String version) {
    log.add("keys:describe");
    return keys.describe(key, version);
  }

  @Override
  public List<KeyVersionInfo> listVersions(KeyRef key) {
    log.add("keys:listVersions");
    return keys.listVersions(key);
  }

  @Override
  public KeyVersionInfo setEnabled(KeyRef key, String version, boolean enabled) {
    log.add("keys:setEnabled");
    return keys.setEnabled(key, version, enabled);
  }

  @Override
  public RoundTripResult roundTrip(KeyRef key, String version) {
    log.add("keys:roundTrip");
    return keys.roundTrip(key, version);
  }

  @Override
  public List<KeyVersionInfo> disableAllVersions(KeyRef key) {
    log.add("keys:disableAllVersions");
    if (failingDisables.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("HSM unreachable: connection refused");
    }
    if (keys.listVersions(key).isEmpty()) {
      throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
          "no provider holds " + key, "KeyNotFound");
    }
    return keys.disableAllVersions(key);
  }

  @Override
  public BackupCheck verifyBackup(KeyRef key) {
    log.add("keys:verifyBackup");
    return keys.verifyBackup(key);
  }

  @Override
  public List<KeyRef> listKeys() {
    log.add("keys:listKeys");
    return keys.listKeys();
  }
}
