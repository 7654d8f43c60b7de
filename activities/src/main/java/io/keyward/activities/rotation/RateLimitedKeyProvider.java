package io.keyward.activities.rotation;

import io.keyward.activities.hsm.ForwardingKeyProvider;
import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.ProviderThrottledException;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyVersionInfo;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps one worker's calls to a provider within its {@link ProviderLimit}: at most {@code
 * concurrency} calls in flight, and key creations no faster than the limit's rate. A call that
 * would have to wait longer than {@code maxWait} for its turn is refused with {@link
 * ProviderThrottledException}, which the activities turn into a retryable {@code ProviderThrottled}
 * failure with the wait as the next retry delay: the activity backs off through Temporal instead of
 * holding a worker slot, and the rotation does not fail. The provider's own throttling (Key Vault's
 * 429 with Retry-After) takes the same path.
 *
 * <p>Why here and not a task queue per provider with Temporal's rate limits: the routing of a key
 * to its provider is only known inside the key activities, and one task queue keeps the workflows
 * free of provider names. The price is that the limit is per worker process.
 */
public final class RateLimitedKeyProvider extends ForwardingKeyProvider {
  private final ProviderLimit limit;
  private final Semaphore inFlight;
  private final TokenBucket creates;

  public RateLimitedKeyProvider(KeyProvider provider, ProviderLimit limit) {
    this(provider, limit, System::nanoTime);
  }

  RateLimitedKeyProvider(
      KeyProvider provider, ProviderLimit limit, java.util.function.LongSupplier nanoTime) {
    super(Objects.requireNonNull(provider, "provider"));
    this.limit = Objects.requireNonNull(limit, "limit");
    this.inFlight = new Semaphore(limit.concurrency(), true);
    this.creates = new TokenBucket(limit.creates(), limit.per(), nanoTime);
  }

  /** Wraps each provider with the limit {@code limits} gives its name. */
  public static List<KeyProvider> wrap(List<KeyProvider> providers, ProviderLimits limits) {
    return providers.stream()
        .map(p -> (KeyProvider) new RateLimitedKeyProvider(p, limits.forProvider(p.name())))
        .toList();
  }

  public ProviderLimit limit() {
    return limit;
  }

  @Override
  public KeyVersionInfo create(CreateKeyCommand command) {
    awaitCreateToken();
    return super.create(command);
  }

  private void awaitCreateToken() {
    long deadline = System.nanoTime() + limit.maxWait().toNanos();
    while (true) {
      Duration wait = creates.tryTake();
      if (wait.isZero()) {
        return;
      }
      if (System.nanoTime() + wait.toNanos() > deadline) {
        throw new ProviderThrottledException(
            name()
                + " allows "
                + limit.creates()
                + " key creations per "
                + limit.per().toMillis()
                + " ms from this worker; retrying later",
            wait);
      }
      sleep(wait);
    }
  }

  @Override
  protected <T> T call(String operation, Supplier<T> call) {
    boolean acquired;
    try {
      acquired = inFlight.tryAcquire(limit.maxWait().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + name(), e);
    }
    if (!acquired) {
      throw new ProviderThrottledException(
          name()
              + " already has "
              + limit.concurrency()
              + " calls in flight from this worker; retrying later",
          Duration.ofSeconds(1));
    }
    try {
      return call.get();
    } finally {
      inFlight.release();
    }
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(Math.max(1, wait.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a key creation slot", e);
    }
  }
}
