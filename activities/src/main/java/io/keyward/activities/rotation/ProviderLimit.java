package io.keyward.activities.rotation;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard Keyward may use one key provider: at most {@code creates} key creations per {@code per}
 * in each vault, counted across every worker process (Azure Key Vault allows 10 HSM key creations
 * per 10 seconds per vault), at most {@code concurrency} calls in flight from one worker process,
 * and how far ahead a creation may wait for its turn before it is refused as throttled and retried
 * later by Temporal ({@code maxWait}).
 */
public record ProviderLimit(int concurrency, int creates, Duration per, Duration maxWait) {
  /** Azure Key Vault's HSM key creation limit, and room for a few parallel calls. */
  public static final ProviderLimit DEFAULT =
      new ProviderLimit(8, 10, Duration.ofSeconds(10), Duration.ofSeconds(5));

  public ProviderLimit {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
    }
    if (creates < 1) {
      throw new IllegalArgumentException("creates must be at least 1, was " + creates);
    }
    Objects.requireNonNull(per, "per");
    Objects.requireNonNull(maxWait, "maxWait");
    if (per.isZero() || per.isNegative()) {
      throw new IllegalArgumentException("the creation window must be positive, was " + per);
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
    }
  }

  @Override
  public String toString() {
    return "concurrency "
        + concurrency
        + ", "
        + creates
        + " creates per "
        + per.toMillis()
        + " ms, wait up to "
        + maxWait.toMillis()
        + " ms";
  }
}
