package io.keyward.activities.hsm.conformance;

import static io.keyward.workflows.policy.KeyOperation.SIGN;
import static io.keyward.workflows.policy.KeyOperation.VERIFY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.keyward.activities.hsm.BackupRestoreCheck;
import io.keyward.activities.hsm.KeyDeletedException;
import io.keyward.activities.hsm.KeyNotFoundException;
import io.keyward.activities.hsm.KeyOperationRefusedException;
import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.RoundTripCheck;
import io.keyward.activities.hsm.UnsupportedKeySpecException;
import io.keyward.activities.rotation.ProviderLimit;
import io.keyward.activities.rotation.RateLimitedKeyProvider;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.BackupCheck;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.ProtectionLevel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract of {@link KeyProvider}, written once and run against every provider: each
 * implementation extends this class and says what it supports. Every test works on keys of its own
 * (random names), so a provider may be shared by all tests of a class.
 */
public abstract class KeyProviderConformance {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The provider under test. */
  protected abstract KeyProvider provider();

  /** The vault the test keys live in. */
  protected abstract String vault();

  /** The protection level create commands ask for. */
  protected abstract ProtectionLevel requestedProtection();

  /** The protection level the provider reports for keys made at {@link #requestedProtection()}. */
  protected abstract ProtectionLevel reportedProtection();

  /** Every spec the provider creates. */
  protected abstract List<KeySpec> supportedSpecs();

  /** Specs the provider must refuse. */
  protected abstract List<KeySpec> unsupportedSpecs();

  /**
   * Whether Keyward proves this provider's backups by restoring a scratch copy; otherwise the
   * provider says why a person confirms them.
   */
  protected abstract boolean backupsRestoreUnderScratchNames();

  @Test
  void provesABackupByRestoringAScratchCopyOrSaysWhyAPersonConfirmsIt() {
    KeyRef key = newKey();
    KeyVersionInfo made = provider().create(command(key, null));
    provider().setEnabled(key, made.version(), true);

    BackupCheck check = new BackupRestoreCheck(new RoundTripCheck()).run(provider(), key);

    if (backupsRestoreUnderScratchNames()) {
      assertThat(check.passed()).as(check.detail()).isTrue();
      assertThat(check.confirmationNeeded()).isFalse();
    } else {
      assertThat(check.passed()).isFalse();
      assertThat(check.awaitsConfirmation()).isTrue();
      assertThat(check.detail()).contains(key.toString()).contains("confirms");
    }
    assertThat(provider().listKeys())
        .as("no scratch copy is left behind")
        .noneMatch(k -> k.vault().equals(vault()) && k.name().startsWith("scratch-"));
  }

  @Test
  void theWorkersRateLimiterPassesOnHowABackupIsProved() {
    KeyRef key = newKey();
    provider().create(command(key, null));
    KeyProvider asTheWorkerHasIt =
        new RateLimitedKeyProvider(
            provider(),
            ProviderLimit.DEFAULT,
            (bucket, holder, limit, window, now, maxWait) -> {
              throw new AssertionError("a backup check takes no creation turn");
            },
            java.time.Clock.systemUTC());

    assertThat(asTheWorkerHasIt.backupNotRestorableBecause(key))
        .isEqualTo(provider().backupNotRestorableBecause(key))
        .matches(answer -> answer.isEmpty() == backupsRestoreUnderScratchNames());
  }

  @TestFactory
  Stream<DynamicTest> createsEveryKeyTypeItSupportsAndRoundTripsIt() {
    return supportedSpecs().stream()
        .map(
            spec ->
                DynamicTest.dynamicTest(
                    spec.describe(),
                    () -> {
                      KeyRef key = newKey();
                      KeyVersionInfo made =
                          provider().create(Specs.create(key, spec, requestedProtection(), null));

                      assertThat(provider().supports(spec)).isTrue();
                      assertThat(made.key()).isEqualTo(key);
                      assertThat(made.type()).isEqualTo(spec.type());
                      assertThat(made.size())
                          .isEqualTo(spec.type() == KeyType.EC ? spec.curve().bits() : spec.size());
                      assertThat(made.curve()).isEqualTo(spec.curve());
                      assertThat(made.operations()).isEqualTo(spec.operations());
                      assertThat(made.enabled()).isTrue();
                      assertThat(made.tags()).isEqualTo(Specs.TAGS);
                      assertThat(made.provider()).isEqualTo(provider().name());
                      assertThat(made.protection()).isEqualTo(reportedProtection());
                      boolean asymmetric = spec.type() == KeyType.RSA || spec.type() == KeyType.EC;
                      if (asymmetric) {
                        assertThat(made.publicKeyFingerprint()).matches("[0-9a-f]{64}");
                      } else {
                        assertThat(made.publicKeyFingerprint()).isNull();
                      }
                      assertThat(provider().find(key, made.version())).contains(made);

                      RoundTripResult roundTrip =
                          new RoundTripCheck().run(provider(), key, made.version());
                      assertThat(roundTrip.passed()).as(roundTrip.detail()).isTrue();
                    }));
  }

  @TestFactory
  Stream<DynamicTest> refusesKeyTypesItCannotCreate() {
    return unsupportedSpecs().stream()
        .map(
            spec ->
                DynamicTest.dynamicTest(
                    spec.type() + "-" + (spec.curve() != null ? spec.curve() : spec.size()),
                    () -> {
                      KeyRef key = newKey();

                      assertThat(provider().supports(spec)).isFalse();
                      assertThatThrownBy(
                              () ->
                                  provider()
                                      .create(Specs.create(key, spec, requestedProtection(), null)))
                          .isInstanceOf(UnsupportedKeySpecException.class)
                          .hasMessageContaining(spec.type().name());
                      assertThat(provider().listVersions(key)).isEmpty();
                    }));
  }

  @Test
  void keepsVersionsOldestFirstAndServesTheNewestByDefault() {
    KeyRef key = newKey();
    KeyVersionInfo first = provider().create(command(key, "rotation/1"));
    KeyVersionInfo second = provider().create(command(key, "rotation/2"));

    assertThat(second.version()).isNotEqualTo(first.version());
    assertThat(provider().listVersions(key))
        .extracting(KeyVersionInfo::version)
        .containsExactly(first.version(), second.version());
    assertThat(provider().find(key, null)).map(KeyVersionInfo::version).contains(second.version());
    assertThat(provider().find(key, first.version()))
        .map(KeyVersionInfo::version)
        .contains(first.version());
    byte[] data = "signed by the first version".getBytes(StandardCharsets.UTF_8);
    byte[] signature = provider().sign(key, first.version(), data);
    assertThat(provider().verify(key, first.version(), data, signature)).isTrue();
    assertThat(provider().verify(key, second.version(), data, signature)).isFalse();
  }

  @Test
  void reportsUnknownKeysAndVersionsAsAbsent() {
    KeyRef unknown = newKey();
    KeyRef key = newKey();
    provider().create(command(key, null));

    assertThat(provider().find(unknown, null)).isEmpty();
    assertThat(provider().listVersions(unknown)).isEmpty();
    assertThat(provider().find(key, "0123456789abcdef0123456789abcdef")).isEmpty();
    assertThatThrownBy(() -> provider().sign(unknown, null, new byte[] {1}))
        .isInstanceOf(KeyNotFoundException.class)
        .hasMessageContaining(unknown.toString());
    assertThatThrownBy(() -> provider().setEnabled(unknown, null, false))
        .isInstanceOf(KeyNotFoundException.class);
  }

  @Test
  void refusesADisabledVersionUntilItIsEnabledAgain() {
    KeyRef key = newKey();
    KeyVersionInfo made = provider().create(command(key, null));

    KeyVersionInfo disabled = provider().setEnabled(key, made.version(), false);

    assertThat(disabled.enabled()).isFalse();
    assertThat(provider().find(key, made.version())).map(KeyVersionInfo::enabled).contains(false);
    assertThatThrownBy(() -> provider().sign(key, made.version(), new byte[] {1, 2, 3}))
        .isInstanceOf(KeyOperationRefusedException.class)
        .hasMessageContaining("disabled");
    assertThat(new RoundTripCheck().run(provider(), key, made.version()).passed()).isFalse();
    assertThat(provider().setEnabled(key, made.version(), false).enabled()).isFalse();

    KeyVersionInfo enabled = provider().setEnabled(key, made.version(), true);

    assertThat(enabled.enabled()).isTrue();
    assertThat(new RoundTripCheck().run(provider(), key, made.version()).passed()).isTrue();
  }

  @Test
  void createsADisabledVersionWhenTheCommandSaysSo() {
    KeyRef key = newKey();
    Instant notBefore = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Instant expires = Instant.now().plus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    KeyVersionInfo made =
        provider()
            .create(
                Specs.withValidity(
                    key, fastSpec(), requestedProtection(), notBefore, expires, false, null));

    assertThat(made.enabled()).isFalse();
    assertThat(made.notBefore()).isEqualTo(notBefore);
    assertThat(made.expires()).isEqualTo(expires);
    assertThat(provider().find(key, null)).contains(made);
  }

  @Test
  void aRetriedCreateReturnsTheVersionItAlreadyMade() {
    KeyRef key = newKey();

    KeyVersionInfo first = provider().create(command(key, "keygen/ceremony-7#generate"));
    KeyVersionInfo retried = provider().create(command(key, "keygen/ceremony-7#generate"));

    assertThat(retried).isEqualTo(first);
    assertThat(provider().listVersions(key)).hasSize(1);
    assertThat(first.tags()).doesNotContainValue("keygen/ceremony-7#generate");

    provider().create(command(key, "rotation/ceremony-8#execute"));
    assertThat(provider().listVersions(key)).hasSize(2);
  }

  @Test
  void concurrentCreatesOfDifferentKeysAllSucceed() throws Exception {
    int keys = 6;
    List<KeyRef> refs = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      refs.add(newKey());
    }
    ExecutorService pool = Executors.newFixedThreadPool(keys);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<KeyVersionInfo>> futures = new ArrayList<>();
      for (KeyRef ref : refs) {
        Callable<KeyVersionInfo> create =
            () -> {
              start.await();
              return provider().create(command(ref, "keygen/" + ref.name()));
            };
        futures.add(pool.submit(create));
      }
      start.countDown();
      List<KeyVersionInfo> made = new ArrayList<>();
      for (Future<KeyVersionInfo> future : futures) {
        made.add(future.get());
      }

      assertThat(made).extracting(KeyVersionInfo::key).containsExactlyElementsOf(refs);
      assertThat(provider().listKeys()).containsAll(refs);
      for (KeyRef ref : refs) {
        assertThat(provider().listVersions(ref)).hasSize(1);
        assertThat(new RoundTripCheck().run(provider(), ref, null).passed()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusesOperationsTheVersionDoesNotPermit() {
    KeyRef key = newKey();
    KeySpec rsa = Specs.rsa(2048);
    provider()
        .create(
            Specs.withOperations(
                key, rsa, requestedProtection(), Set.of(KeyOperation.ENCRYPT), null));

    assertThatThrownBy(() -> provider().sign(key, null, new byte[] {1}))
        .isInstanceOf(KeyOperationRefusedException.class)
        .hasMessageContaining("does not permit SIGN");
    assertThatThrownBy(() -> provider().decrypt(key, null, new byte[256]))
        .isInstanceOf(KeyOperationRefusedException.class)
        .hasMessageContaining("does not permit DECRYPT");
  }

  @Test
  void refusesToCreateOperationsTheKeyTypeCannotPerform() {
    KeyRef key = newKey();

    assertThatThrownBy(
            () ->
                provider()
                    .create(
                        Specs.withOperations(
                            key,
                            fastSpec(),
                            requestedProtection(),
                            Set.of(KeyOperation.ENCRYPT),
                            null)))
        .isInstanceOf(UnsupportedKeySpecException.class)
        .hasMessageContaining("ENCRYPT");
    assertThat(provider().listVersions(key)).isEmpty();
  }

  @Test
  void aDeletedKeyIsNoLongerListedOrUsable() {
    KeyRef key = newKey();
    KeyRef kept = newKey();
    provider().create(command(key, null));
    provider().create(command(kept, null));

    provider().delete(key);

    assertThat(provider().listKeys()).contains(kept).doesNotContain(key);
    Throwable refused = catchThrowable(() -> provider().sign(key, null, new byte[] {1}));
    assertThat(refused).isInstanceOfAny(KeyNotFoundException.class, KeyDeletedException.class);
    assertThat(refused).hasMessageContaining(key.toString());
    assertThat(new RoundTripCheck().run(provider(), kept, null).passed()).isTrue();
  }

  /** A cheap signing spec the provider supports, for tests about versions rather than types. */
  protected KeySpec fastSpec() {
    return supportedSpecs().stream()
        .filter(s -> s.type() == KeyType.EC)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the provider supports no EC keys"));
  }

  protected io.keyward.workflows.hsm.CreateKeyCommand command(KeyRef key, String idempotencyKey) {
    return Specs.withOperations(
        key, fastSpec(), requestedProtection(), Set.of(SIGN, VERIFY), idempotencyKey);
  }

  protected KeyRef newKey() {
    byte[] random = new byte[6];
    RANDOM.nextBytes(random);
    return new KeyRef(vault(), "conformance-" + HexFormat.of().formatHex(random));
  }
}
