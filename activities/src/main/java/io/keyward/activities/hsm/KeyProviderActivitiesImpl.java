package io.keyward.activities.hsm;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.BackupCheck;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The key activities over the configured providers: a create goes to the provider its protection
 * level routes to; every other call goes to the provider that holds the key. Failures leave as
 * {@link io.temporal.failure.ApplicationFailure}s typed by {@link ProviderFailures}.
 */
public final class KeyProviderActivitiesImpl implements KeyProviderActivities {
  private final ProviderRouting routing;
  private final RoundTripCheck roundTripCheck;
  private final BackupRestoreCheck backupCheck;

  public KeyProviderActivitiesImpl(ProviderRouting routing) {
    this(routing, new RoundTripCheck());
  }

  public KeyProviderActivitiesImpl(ProviderRouting routing, RoundTripCheck roundTripCheck) {
    this.routing = Objects.requireNonNull(routing, "routing");
    this.roundTripCheck = Objects.requireNonNull(roundTripCheck, "roundTripCheck");
    this.backupCheck = new BackupRestoreCheck(roundTripCheck);
  }

  @Override
  public KeyVersionInfo create(CreateKeyCommand command) {
    return call(
        () -> {
          if (command == null || command.key() == null || command.protection() == null) {
            throw new IllegalArgumentException(
                "a create command needs a key and a protection level");
          }
          return routing.forLevel(command.protection()).create(command);
        });
  }

  @Override
  public KeyVersionInfo describe(KeyRef key, String version) {
    return call(
        () ->
            holderOf(key)
                .find(key, version)
                .orElseThrow(() -> KeyNotFoundException.of(key, version)));
  }

  /** All versions, oldest first; empty when no provider holds the key. */
  @Override
  public List<KeyVersionInfo> listVersions(KeyRef key) {
    return call(
        () -> {
          requireKey(key);
          return routing.holderOf(key).map(p -> p.listVersions(key)).orElse(List.of());
        });
  }

  @Override
  public KeyVersionInfo setEnabled(KeyRef key, String version, boolean enabled) {
    return call(() -> holderOf(key).setEnabled(key, version, enabled));
  }

  @Override
  public RoundTripResult roundTrip(KeyRef key, String version) {
    return call(() -> roundTripCheck.run(holderOf(key), key, version));
  }

  @Override
  public List<KeyVersionInfo> disableAllVersions(KeyRef key) {
    return call(
        () -> {
          KeyProvider provider = holderOf(key);
          for (KeyVersionInfo version : provider.listVersions(key)) {
            if (version.enabled()) {
              provider.setEnabled(key, version.version(), false);
            }
          }
          return provider.listVersions(key);
        });
  }

  @Override
  public BackupCheck verifyBackup(KeyRef key) {
    return call(() -> backupCheck.run(holderOf(key), key));
  }

  @Override
  public List<KeyRef> listKeys() {
    return call(
        () ->
            routing.providers().stream()
                .flatMap(provider -> provider.listKeys().stream())
                .distinct()
                .toList());
  }

  private KeyProvider holderOf(KeyRef key) {
    requireKey(key);
    return routing.holderOf(key).orElseThrow(() -> KeyNotFoundException.of(key, null));
  }

  private static void requireKey(KeyRef key) {
    if (key == null) {
      throw new IllegalArgumentException("no key named");
    }
  }

  private static <T> T call(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (RuntimeException e) {
      throw ProviderFailures.toFailure(e);
    }
  }
}
