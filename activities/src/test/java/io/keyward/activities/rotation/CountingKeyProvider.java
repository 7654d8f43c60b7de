package io.keyward.activities.rotation;

import io.keyward.activities.hsm.KeyProvider;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.ProtectionLevel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a real provider and counts the calls in flight (and the most at once); its creates can be
 * held until the test releases them, so a test can see how many got through a limit.
 */
final class CountingKeyProvider implements KeyProvider {
  private final KeyProvider provider;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger creates = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(0);

  CountingKeyProvider(KeyProvider provider) {
    this.provider = provider;
  }

  void holdCreates() {
    gate = new CountDownLatch(1);
  }

  void releaseCreates() {
    gate.countDown();
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  int inFlight() {
    return inFlight.get();
  }

  int creates() {
    return creates.get();
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
  public KeyVersionInfo create(CreateKeyCommand command) {
    enter();
    try {
      gate.await();
      creates.incrementAndGet();
      return provider.create(command);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public Optional<KeyVersionInfo> find(KeyRef key, String version) {
    return provider.find(key, version);
  }

  @Override
  public List<KeyVersionInfo> listVersions(KeyRef key) {
    return provider.listVersions(key);
  }

  @Override
  public List<KeyRef> listKeys() {
    return provider.listKeys();
  }

  @Override
  public KeyVersionInfo setEnabled(KeyRef key, String version, boolean enabled) {
    return provider.setEnabled(key, version, enabled);
  }

  @Override
  public byte[] sign(KeyRef key, String version, byte[] data) {
    return provider.sign(key, version, data);
  }

  @Override
  public boolean verify(KeyRef key, String version, byte[] data, byte[] signature) {
    return provider.verify(key, version, data, signature);
  }

  @Override
  public byte[] encrypt(KeyRef key, String version, byte[] plaintext) {
    return provider.encrypt(key, version, plaintext);
  }

  @Override
  public byte[] decrypt(KeyRef key, String version, byte[] ciphertext) {
    return provider.decrypt(key, version, ciphertext);
  }

  @Override
  public byte[] backup(KeyRef key) {
    return provider.backup(key);
  }

  @Override
  public List<KeyVersionInfo> restore(byte[] backup, KeyRef target) {
    return provider.restore(backup, target);
  }

  @Override
  public void delete(KeyRef key) {
    provider.delete(key);
  }

  private void enter() {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
  }

  @Override
  public Optional<String> backupNotRestorableBecause(KeyRef key) {
    return provider.backupNotRestorableBecause(key);
  }
}
