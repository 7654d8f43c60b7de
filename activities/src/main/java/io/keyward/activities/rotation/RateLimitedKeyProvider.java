package io.keyward.activities.rotation;

import io.keyward.activities.hsm.ForwardingKeyProvider;
import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.ProviderThrottledException;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.ProviderRateLimits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps Keyward's calls to a provider within its {@link ProviderLimit}: key creations in each vault
 * no faster than the limit's rate across every worker process (the turns are taken in the shared
 * database, {@link ProviderRateLimits}, one bucket per vault), and at most {@code concurrency}
 * calls in flight from this process. A creation whose turn is further ahead than {@code maxWait} is
 * refused with {@link ProviderThrottledException}, which the activities turn into a retryable
 * {@code ProviderThrottled} failure with a next retry delay that brings it back a little before its
 * turn, which is kept for it under the command's idempotency key: the activity backs off through
 * Temporal instead of holding a worker slot, comes back to its place in line, and the rotation
 * neither fails nor tells anyone. The provider's own throttling (Key Vault's 429 with Retry-After)
 * takes the same path.
 *
 * <p>Why here and not a task queue per provider with Temporal's rate limits: the routing of a key
 * to its provider is only known inside the key activities, and one task queue keeps the workflows
 * free of provider names; Temporal's task queue rate limit is per queue, not per vault.
 */
public final class RateLimitedKeyProvider extends ForwardingKeyProvider {
  /** The shortest next retry delay of a refused creation. */
  static final Duration MIN_RETRY = Duration.ofMillis(100);

  private final ProviderLimit limit;
  private final Semaphore inFlight;
  private final ProviderRateLimits turns;
  private final Clock clock;

  public RateLimitedKeyProvider(
      KeyProvider provider, ProviderLimit limit, ProviderRateLimits turns, Clock clock) {
    super(Objects.requireNonNull(provider, "provider"));
    this.limit = Objects.requireNonNull(limit, "limit");
    this.turns = Objects.requireNonNull(turns, "turns");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.inFlight = new Semaphore(limit.concurrency(), true);
  }

  /**
   * Wraps each provider with the limit {@code limits} gives its name, its creations counted in
   * {@code turns}.
   */
  public static List<KeyProvider> wrap(
      List<KeyProvider> providers, ProviderLimits limits, ProviderRateLimits turns, Clock clock) {
    return providers.stream()
        .map(
            p ->
                (KeyProvider)
                    new RateLimitedKeyProvider(p, limits.forProvider(p.name()), turns, clock))
        .toList();
  }

  /** The bucket of key creations in {@code vault}, shared by every provider and worker. */
  public static String createBucket(String vault) {
    return "create/" + vault;
  }

  public ProviderLimit limit() {
    return limit;
  }

  @Override
  public KeyVersionInfo create(CreateKeyCommand command) {
    awaitCreateTurn(command.key().vault(), holder(command.idempotencyKey()));
    return super.create(command);
  }

  /** Who waits for a turn: the command's idempotency key, the same on every retry. */
  private static String holder(String idempotencyKey) {
    if (idempotencyKey == null || idempotencyKey.isEmpty()) {
      return null;
    }
    if (idempotencyKey.length() <= 200) {
      return idempotencyKey;
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(idempotencyKey.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private void awaitCreateTurn(String vault, String holder) {
    Instant now = clock.instant();
    ProviderRateLimits.Turn turn =
        turns.take(createBucket(vault), holder, limit.creates(), limit.per(), now, limit.maxWait());
    Duration wait = turn.waitFrom(now);
    if (!turn.given()) {
      // Back when the turn kept for it is maxWait away, to wait the rest here: a retry that
      // comes late (a busy worker, a late timer) still finds it.
      Duration retry = wait.minus(limit.maxWait());
      throw new ProviderThrottledException(
          vault
              + " allows "
              + limit.creates()
              + " key creations per "
              + limit.per().toMillis()
              + " ms, all workers together; retrying later",
          retry.compareTo(MIN_RETRY) < 0 ? MIN_RETRY : retry);
    }
    sleep(turn.waitFrom(clock.instant()));
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
    if (wait.isZero()) {
      return;
    }
    try {
      Thread.sleep(Math.max(1, wait.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a key creation turn", e);
    }
  }
}
