package io.keyward.activities.rotation;

import io.keyward.activities.hsm.ForwardingKeyProvider;
import io.keyward.activities.hsm.KeyProvider;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyVersionInfo;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a real provider and counts the creates in flight (and the most at once); its creates can be
 * held until the test releases them, so a test can see how many got through a limit.
 */
final class CountingKeyProvider extends ForwardingKeyProvider {
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger creates = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(0);

  CountingKeyProvider(KeyProvider provider) {
    super(provider);
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
  public KeyVersionInfo create(CreateKeyCommand command) {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      gate.await();
      creates.incrementAndGet();
      return super.create(command);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      inFlight.decrementAndGet();
    }
  }
}
