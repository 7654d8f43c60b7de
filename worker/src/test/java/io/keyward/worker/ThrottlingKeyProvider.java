package io.keyward.worker;

import io.keyward.activities.hsm.ForwardingKeyProvider;
import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.ProviderThrottledException;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyVersionInfo;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A provider that throttles like Azure Key Vault: at most {@code createsPerWindow} key creations
 * per window of real time; one more is refused with {@link ProviderThrottledException} and a
 * Retry-After of the rest of the window. Everything else goes to a real provider. Counts the calls
 * in flight, so a test can see the concurrency a worker used.
 */
final class ThrottlingKeyProvider extends ForwardingKeyProvider {
  private final int createsPerWindow;
  private final Duration window;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();
  private long windowStart = System.nanoTime();
  private int createsInWindow;

  ThrottlingKeyProvider(KeyProvider provider, int createsPerWindow, Duration window) {
    super(provider);
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
    return call(
        "create",
        () -> {
          admitCreate();
          return provider().create(command);
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

  /** Counts every operation in flight, so a test can see the concurrency a worker used. */
  @Override
  protected <T> T call(String operation, Supplier<T> call) {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      return call.get();
    } finally {
      inFlight.decrementAndGet();
    }
  }
}
