package io.keyward.worker;

import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.ProviderThrottledException;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.ProtectionLevel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A provider that throttles like Azure Key Vault: at most {@code createsPerWindow} key creations
 * per window of real time; one more is refused with {@link ProviderThrottledException} and a
 * Retry-After of the rest of the window. Everything else goes to a real provider. Counts the calls
 * in flight, so a test can see the concurrency a worker used.
 */
final class ThrottlingKeyProvider implements KeyProvider {
  private final KeyProvider provider;
  private final int createsPerWindow;
  private final Duration window;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();
  private long windowStart = System.nanoTime();
  private int createsInWindow;

  ThrottlingKeyProvider(KeyProvider provider, int createsPerWindow, Duration window) {
    this.provider = provider;
    this.createsPerWindow = createsPerWindow;
    this.window = window;
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  int throttled() {
    return throttled.get();
  }

  @Override
  public KeyVersionInfo create(CreateKeyCommand command) {
    return counted(
        () -> {
          admitCreate();
          return provider.create(command);
        });
  }

  private synchronized void admitCreate() {
    long now = System.nanoTime();
    if (now - windowStart >= window.toNanos()) {
      windowStart = now;
      createsInWindow = 0;
    }
    if (createsInWindow >= createsPerWindow) {
      throttled.incrementAndGet();
      throw new ProviderThrottledException(
          "429 Too Many Requests", Duration.ofNanos(window.toNanos() - (now - windowStart)));
    }
    createsInWindow++;
  }

  @Override
  public String name() {
    return provider.name();
  }

  @Override
  public ProtectionLevel protection() {
    return provider.protection();
  }

  @Override
  public boolean supports(KeySpec spec) {
    return provider.supports(spec);
  }

  @Override
  public Optional<KeyVersionInfo> find(KeyRef key, String version) {
    return counted(() -> provider.find(key, version));
  }

  @Override
  public List<KeyVersionInfo> listVersions(KeyRef key) {
    return counted(() -> provider.listVersions(key));
  }

  @Override
  public List<KeyRef> listKeys() {
    return counted(provider::listKeys);
  }

  @Override
  public KeyVersionInfo setEnabled(KeyRef key, String version, boolean enabled) {
    return counted(() -> provider.setEnabled(key, version, enabled));
  }

  @Override
  public byte[] sign(KeyRef key, String version, byte[] data) {
    return counted(() -> provider.sign(key, version, data));
  }

  @Override
  public boolean verify(KeyRef key, String version, byte[] data, byte[] signature) {
    return counted(() -> provider.verify(key, version, data, signature));
  }

  @Override
  public byte[] encrypt(KeyRef key, String version, byte[] plaintext) {
    return counted(() -> provider.encrypt(key, version, plaintext));
  }

  @Override
  public byte[] decrypt(KeyRef key, String version, byte[] ciphertext) {
    return counted(() -> provider.decrypt(key, version, ciphertext));
  }

  @Override
  public byte[] backup(KeyRef key) {
    return counted(() -> provider.backup(key));
  }

  @Override
  public List<KeyVersionInfo> restore(byte[] backup, KeyRef target) {
    return counted(() -> provider.restore(backup, target));
  }

  @Override
  public void delete(KeyRef key) {
    counted(
        () -> {
          provider.delete(key);
          return null;
        });
  }

  private <T> T counted(Supplier<T> call) {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      return call.get();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public Optional<String> backupNotRestorableBecause(KeyRef key) {
    return provider.backupNotRestorableBecause(key);
  }
}
