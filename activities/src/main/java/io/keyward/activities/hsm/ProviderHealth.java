package io.keyward.activities.hsm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether one key provider answers: lists its keys (a read every provider can do without a key of
 * its own) within a timeout, and remembers the answer for a short while so that frequent health
 * probes do not become load on an HSM or on Key Vault's rate limits. The answer names the provider
 * and the failure's type and message; it never contains a PIN, a token or key material, which no
 * provider puts in an exception.
 */
public final class ProviderHealth implements AutoCloseable {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_CACHE = Duration.ofSeconds(15);
  private static final int MAX_MESSAGE = 200;

  /** One provider's answer. */
  public record Status(String provider, boolean healthy, String message) {}

  private final KeyProvider provider;
  private final Duration timeout;
  private final Duration cacheFor;
  private final Clock clock;
  private final ExecutorService probe;
  private Status last;
  private Instant lastAt = Instant.MIN;

  public ProviderHealth(KeyProvider provider, Duration timeout, Duration cacheFor, Clock clock) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.timeout = timeout;
    this.cacheFor = cacheFor;
    this.clock = clock;
    this.probe =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "keyward-provider-health-" + provider.name());
              t.setDaemon(true);
              return t;
            });
  }

  /** One check per provider, with the default timeout and cache. */
  public static List<ProviderHealth> of(List<KeyProvider> providers) {
    return providers.stream()
        .map(p -> new ProviderHealth(p, DEFAULT_TIMEOUT, DEFAULT_CACHE, Clock.systemUTC()))
        .toList();
  }

  public String provider() {
    return provider.name();
  }

  /** The provider's state, at most the cache period old. */
  public synchronized Status check() {
    Instant now = clock.instant();
    if (last == null || !now.isBefore(lastAt.plus(cacheFor))) {
      last = probe();
      lastAt = now;
    }
    return last;
  }

  private Status probe() {
    Future<Integer> listed = probe.submit(() -> provider.listKeys().size());
    try {
      int keys = listed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Status(provider.name(), true, provider.name() + " answers (" + keys + " keys)");
    } catch (TimeoutException slow) {
      listed.cancel(true);
      return new Status(
          provider.name(), false, provider.name() + " did not answer within " + timeout);
    } catch (ExecutionException failed) {
      return new Status(provider.name(), false, provider.name() + " fails: " + describe(failed));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return new Status(provider.name(), false, "interrupted while asking " + provider.name());
    }
  }

  private static String describe(ExecutionException failed) {
    Throwable cause = failed.getCause() == null ? failed : failed.getCause();
    String message = cause.getMessage() == null ? "" : ": " + cause.getMessage().strip();
    String text = cause.getClass().getSimpleName() + message;
    return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text;
  }

  @Override
  public void close() {
    probe.shutdownNow();
  }
}
