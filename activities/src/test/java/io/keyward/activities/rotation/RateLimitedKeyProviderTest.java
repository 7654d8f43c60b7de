package io.keyward.activities.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.activities.hsm.MasterSecret;
import io.keyward.activities.hsm.ProviderFailures;
import io.keyward.activities.hsm.ProviderThrottledException;
import io.keyward.activities.hsm.SoftwareKeyProvider;
import io.keyward.activities.stores.JdbcStores;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.ProtectionLevel;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RateLimitedKeyProviderTest {
  @TempDir Path dir;

  private CountingKeyProvider counting;
  private final AtomicLong millis =
      new AtomicLong(Instant.parse("2026-12-01T10:00:00Z").toEpochMilli());
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(millis.get());
        }
      };
  private JdbcStores stores;
  private ExecutorService pool;

  @BeforeEach
  void software() {
    byte[] secret = new byte[MasterSecret.MIN_BYTES];
    new SecureRandom().nextBytes(secret);
    counting =
        new CountingKeyProvider(
            new SoftwareKeyProvider(dir.resolve("keys"), MasterSecret.of(secret)));
    stores = JdbcStores.embedded(dir.resolve("data"));
    pool = Executors.newFixedThreadPool(6);
  }

  @AfterEach
  void stopPool() {
    counting.releaseCreates();
    pool.shutdownNow();
    stores.close();
  }

  private RateLimitedKeyProvider limited(ProviderLimit limit) {
    return new RateLimitedKeyProvider(counting, limit, stores.providerRateLimits(), clock);
  }

  @Test
  void refusesCreatesBeyondTheRateAsThrottledWithTheWaitUntilTheNextTurn() {
    RateLimitedKeyProvider limited =
        limited(new ProviderLimit(4, 2, Duration.ofSeconds(10), Duration.ZERO));

    limited.create(command("a"));
    millis.addAndGet(4_000);
    limited.create(command("b"));

    assertThatThrownBy(() -> limited.create(command("c")))
        .isInstanceOfSatisfying(
            ProviderThrottledException.class,
            throttled -> assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(6)))
        .hasMessage(
            "kv-apps allows 2 key creations per 10000 ms, all workers together; retrying later");
    assertThat(counting.creates()).isEqualTo(2);
    millis.addAndGet(6_000);
    limited.create(command("c"));
    assertThat(counting.creates()).isEqualTo(3);
  }

  @Test
  void twoWorkersShareTheTurnsOfAVaultAndNotThoseOfAnother() {
    ProviderLimit limit = new ProviderLimit(4, 2, Duration.ofSeconds(10), Duration.ZERO);
    RateLimitedKeyProvider first = limited(limit);
    RateLimitedKeyProvider second = limited(limit);

    first.create(command("a"));
    second.create(command("b"));

    assertThatThrownBy(() -> first.create(command("c")))
        .isInstanceOf(ProviderThrottledException.class);
    assertThatThrownBy(() -> second.create(command("c")))
        .isInstanceOf(ProviderThrottledException.class);
    second.create(command(new KeyRef("kv-other", "c")));
    assertThat(counting.creates()).isEqualTo(3);
  }

  @Test
  void aCreateWaitsForATurnWithinMaxWaitAndIsRefusedWithTheRestBeyondIt() {
    RateLimitedKeyProvider limited =
        limited(new ProviderLimit(4, 1, Duration.ofSeconds(10), Duration.ofSeconds(4)));
    limited.create(command("a"));
    millis.addAndGet(7_000);

    // The turn is 3 s ahead, within the 4 s it may wait: it is taken now and waited for.
    limited.create(command("b"));

    // The next is 13 s ahead: refused, kept for it, to come back when it is 4 s away.
    assertThatThrownBy(() -> limited.create(command("c")))
        .isInstanceOfSatisfying(
            ProviderThrottledException.class,
            throttled -> assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(9)));
    assertThat(counting.creates()).isEqualTo(2);
    // Another creation queues behind the kept turn; c, back in time, takes its own.
    assertThatThrownBy(() -> limited.create(command("d")))
        .isInstanceOfSatisfying(
            ProviderThrottledException.class,
            throttled -> assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(19)));
    millis.addAndGet(13_000);
    limited.create(command("c"));
    assertThat(counting.creates()).isEqualTo(3);
  }

  @Test
  void aThrottledCallBecomesARetryableFailureThatWaitsForTheProvider() {
    RateLimitedKeyProvider limited =
        limited(new ProviderLimit(4, 1, Duration.ofSeconds(10), Duration.ZERO));
    limited.create(command("a"));

    RuntimeException failure =
        ProviderFailures.toFailure(
            org.junit.jupiter.api.Assertions.assertThrows(
                ProviderThrottledException.class, () -> limited.create(command("b"))));

    assertThat(failure)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            app -> {
              assertThat(app.getType()).isEqualTo(ProviderFailures.PROVIDER_THROTTLED);
              assertThat(app.isNonRetryable()).isFalse();
              assertThat(app.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(10));
            });
  }

  @Test
  void keepsCallsInFlightWithinTheConcurrencyAndRefusesThoseThatWaitTooLong() throws Exception {
    RateLimitedKeyProvider limited =
        limited(new ProviderLimit(2, 100, Duration.ofSeconds(1), Duration.ofMillis(300)));
    counting.holdCreates();

    List<Future<?>> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String name = "k" + i;
      calls.add(pool.submit(() -> limited.create(command(name))));
    }
    int refused = 0;
    for (int i = 2; i < 5; i++) {
      refused += throttled(calls) ? 1 : 0;
    }
    counting.releaseCreates();

    assertThat(counting.maxInFlight()).isEqualTo(2);
    assertThat(refused).isEqualTo(3);
  }

  @Test
  void aCallWaitsForAFreeSlotWithinMaxWait() throws Exception {
    RateLimitedKeyProvider limited =
        limited(new ProviderLimit(1, 100, Duration.ofSeconds(1), Duration.ofSeconds(30)));
    counting.holdCreates();
    Future<?> first = pool.submit(() -> limited.create(command("first")));
    Future<?> second = pool.submit(() -> limited.create(command("second")));
    while (counting.inFlight() == 0) {
      Thread.sleep(5);
    }

    counting.releaseCreates();
    first.get();
    second.get();

    assertThat(counting.maxInFlight()).isEqualTo(1);
    assertThat(counting.creates()).isEqualTo(2);
  }

  /** Waits for the next call to end; true when it ended throttled. */
  private static boolean throttled(List<Future<?>> calls) throws InterruptedException {
    while (true) {
      for (Future<?> call : calls) {
        if (call.isDone()) {
          calls.remove(call);
          try {
            call.get();
            return false;
          } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause() instanceof ProviderThrottledException;
          }
        }
      }
      Thread.sleep(5);
    }
  }

  private static CreateKeyCommand command(String name) {
    return command(new KeyRef("kv-apps", name));
  }

  private static CreateKeyCommand command(KeyRef key) {
    String name = key.toString();
    return new CreateKeyCommand(
        key,
        new KeySpec(
            KeyType.EC,
            null,
            EcCurve.P_256,
            java.util.Set.of(KeyOperation.SIGN, KeyOperation.VERIFY),
            30,
            null),
        ProtectionLevel.STANDARD_KEY_VAULT,
        new KeyAttributes(null, null, null, true, null),
        "test/" + name);
  }
}
