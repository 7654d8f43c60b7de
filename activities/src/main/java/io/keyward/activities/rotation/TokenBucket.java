package io.keyward.activities.rotation;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket: holds up to {@code capacity} tokens and refills one every {@code per / capacity},
 * so at most {@code capacity} takes happen in any window of {@code per}, in bursts of at most
 * {@code capacity}. Thread-safe.
 */
final class TokenBucket {
  private final int capacity;
  private final long nanosPerToken;
  private final LongSupplier nanoTime;
  private double tokens;
  private long updated;

  TokenBucket(int capacity, Duration per, LongSupplier nanoTime) {
    this.capacity = capacity;
    this.nanosPerToken = Math.max(1, per.toNanos() / capacity);
    this.nanoTime = nanoTime;
    this.tokens = capacity;
    this.updated = nanoTime.getAsLong();
  }

  /** Takes a token and returns zero, or takes none and returns how long until one is there. */
  synchronized Duration tryTake() {
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil((1 - tokens) * nanosPerToken));
  }

  private void refill() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(capacity, tokens + (double) (now - updated) / nanosPerToken);
    updated = now;
  }
}
