package io.keyward.activities.hsm;

import static io.keyward.workflows.policy.KeyOperation.DECRYPT;
import static io.keyward.workflows.policy.KeyOperation.ENCRYPT;
import static io.keyward.workflows.policy.KeyOperation.SIGN;
import static io.keyward.workflows.policy.KeyOperation.VERIFY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.ProtectionLevel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SoftwareKeyProviderTest {
  private static final Instant START = Instant.parse("2026-11-28T09:00:00Z");
  private static final KeyRef KEY = new KeyRef("kv-confidential", "app-encryption-key");

  @TempDir Path dir;
  private MasterSecret secret;
  private MutableClock clock;
  private SoftwareKeyProvider provider;

  @BeforeEach
  void open() {
    secret = randomSecret();
    clock = new MutableClock(START);
    provider = new SoftwareKeyProvider(dir, secret, clock);
  }

  static MasterSecret randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return MasterSecret.of(bytes);
  }

  static Stream<Arguments> everyKeyType() {
    return Stream.of(
        Arguments.of(Commands.rsa(2048), "encrypt/decrypt"),
        Arguments.of(Commands.rsa(3072), "encrypt/decrypt"),
        Arguments.of(Commands.rsa(4096), "encrypt/decrypt"),
        Arguments.of(Commands.ec(EcCurve.P_256), "sign/verify"),
        Arguments.of(Commands.ec(EcCurve.P_384), "sign/verify"),
        Arguments.of(Commands.ec(EcCurve.P_521), "sign/verify"),
        Arguments.of(Commands.aes(128), "encrypt/decrypt"),
        Arguments.of(Commands.aes(256), "encrypt/decrypt"),
        Arguments.of(Commands.hmac(256), "sign/verify"),
        Arguments.of(Commands.hmac(384), "sign/verify"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyKeyType")
  void everyKeyTypeRoundTrips(KeySpec spec, String operation) {
    KeyVersionInfo created = provider.create(Commands.create(KEY, spec, "keygen/1"));

    RoundTripResult result = new RoundTripCheck().run(provider, KEY, created.version());

    assertThat(result.passed()).as(result.detail()).isTrue();
    assertThat(result.operation()).isEqualTo(operation);
    assertThat(result.version()).isEqualTo(created.version());
    assertThat(created.type()).isEqualTo(spec.type());
    assertThat(created.size())
        .isEqualTo(spec.type() == KeyType.EC ? spec.curve().bits() : spec.size());
    assertThat(created.protection()).isEqualTo(ProtectionLevel.STANDARD_KEY_VAULT);
    assertThat(created.provider()).isEqualTo("software");
    assertThat(created.version()).matches("[0-9a-f]{32}");
    boolean asymmetric = spec.type() == KeyType.RSA || spec.type() == KeyType.EC;
    if (asymmetric) {
      assertThat(created.publicKeyFingerprint()).matches("[0-9a-f]{64}");
    } else {
      assertThat(created.publicKeyFingerprint()).isNull();
    }
  }

  @Test
  void rsaKeysSignAndVerifyAsWellAsEncrypt() {
    provider.create(Commands.create(KEY, Commands.rsa(2048), "keygen/1"));
    byte[] data = "release 4.2 manifest".getBytes(StandardCharsets.UTF_8);

    byte[] signature = provider.sign(KEY, null, data);

    assertThat(provider.verify(KEY, null, data, signature)).isTrue();
    assertThat(provider.verify(KEY, null, "release 4.3 manifest".getBytes(), signature)).isFalse();
    assertThat(provider.verify(KEY, null, data, new byte[] {1, 2, 3})).isFalse();
  }

  @Test
  void aesCiphertextsUseAFreshIvEachTime() {
    provider.create(Commands.create(KEY, Commands.aes(256), "keygen/1"));
    byte[] plaintext = new byte[32];

    byte[] first = provider.encrypt(KEY, null, plaintext);
    byte[] second = provider.encrypt(KEY, null, plaintext);

    assertThat(first).isNotEqualTo(second);
    assertThat(provider.decrypt(KEY, null, first)).isEqualTo(plaintext);
    first[first.length - 1] ^= 1;
    assertThatThrownBy(() -> provider.decrypt(KEY, null, first))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not decrypt");
  }

  @Test
  void recordsAttributesTagsAndCreationTime() {
    Instant notBefore = START.minus(Duration.ofHours(1));
    Instant expires = START.plus(Duration.ofDays(730));
    CreateKeyCommand command =
        new CreateKeyCommand(
            KEY,
            Commands.rsa(3072),
            ProtectionLevel.STANDARD_KEY_VAULT,
            new KeyAttributes(Set.of(ENCRYPT, DECRYPT), notBefore, expires, true, Commands.TAGS),
            "keygen/1");

    KeyVersionInfo created = provider.create(command);

    assertThat(created.operations()).containsExactlyInAnyOrder(ENCRYPT, DECRYPT);
    assertThat(created.notBefore()).isEqualTo(notBefore);
    assertThat(created.expires()).isEqualTo(expires);
    assertThat(created.created()).isEqualTo(START);
    assertThat(created.enabled()).isTrue();
    assertThat(created.tags())
        .containsEntry("Classification", "CONFIDENTIAL")
        .containsEntry("Owner", "payments-team")
        .containsEntry("Purpose", "data-encryption")
        .doesNotContainKey("keyward-idempotency")
        .hasSize(3);
    assertThat(provider.find(KEY, created.version())).contains(created);
  }

  @Test
  void expiryDefaultsToTheSpecsValidityAndAMissingAttributeSetIsDisabled() {
    KeySpec spec = new KeySpec(KeyType.AES, 256, null, Set.of(ENCRYPT, DECRYPT), 90, Map.of());

    KeyVersionInfo created =
        provider.create(new CreateKeyCommand(KEY, spec, ProtectionLevel.ANY, null, "keygen/1"));

    assertThat(created.expires()).isEqualTo(START.plus(Duration.ofDays(90)));
    assertThat(created.enabled()).isFalse();
    assertThat(created.operations()).containsExactlyInAnyOrder(ENCRYPT, DECRYPT);
  }

  @Test
  void disabledVersionRefusesUseUntilEnabledAgain() {
    KeyVersionInfo created =
        provider.create(Commands.create(KEY, Commands.ec(EcCurve.P_384), "k/1"));
    byte[] data = {1, 2, 3};
    byte[] signature = provider.sign(KEY, created.version(), data);

    KeyVersionInfo disabled = provider.setEnabled(KEY, created.version(), false);

    assertThat(disabled.enabled()).isFalse();
    assertThat(provider.find(KEY, created.version()).orElseThrow().enabled()).isFalse();
    assertThatThrownBy(() -> provider.sign(KEY, created.version(), data))
        .isInstanceOf(KeyOperationRefusedException.class)
        .hasMessage("key " + KEY + " version " + created.version() + " is disabled");
    assertThatThrownBy(() -> provider.verify(KEY, created.version(), data, signature))
        .isInstanceOf(KeyOperationRefusedException.class);
    RoundTripResult check = new RoundTripCheck().run(provider, KEY, created.version());
    assertThat(check.passed()).isFalse();
    assertThat(check.detail()).contains("is disabled");

    KeyVersionInfo enabled = provider.setEnabled(KEY, created.version(), true);

    assertThat(enabled.enabled()).isTrue();
    assertThat(provider.verify(KEY, created.version(), data, signature)).isTrue();
    assertThat(new RoundTripCheck().run(provider, KEY, created.version()).passed()).isTrue();
  }

  @Test
  void refusesOperationsTheVersionDoesNotPermit() {
    provider.create(
        Commands.createWithOperations(KEY, Commands.rsa(2048), Set.of(SIGN, VERIFY), "k/1"));

    assertThatThrownBy(() -> provider.encrypt(KEY, null, new byte[16]))
        .isInstanceOf(KeyOperationRefusedException.class)
        .hasMessageContaining("does not permit ENCRYPT")
        .hasMessageContaining("permitted: [SIGN, VERIFY]");
  }

  @Test
  void refusesOperationsTheKeyTypeCannotPerform() {
    provider.create(Commands.create(KEY, Commands.aes(256), "k/1"));

    assertThatThrownBy(() -> provider.sign(KEY, null, new byte[16]))
        .isInstanceOf(KeyOperationRefusedException.class)
        .hasMessageContaining("AES keys cannot SIGN");
  }

  @Test
  void refusesToCreateKeysWhoseTypeCannotPerformTheOperations() {
    assertThatThrownBy(
            () ->
                provider.create(
                    Commands.createWithOperations(
                        KEY, Commands.ec(EcCurve.P_256), Set.of(ENCRYPT), "k/1")))
        .isInstanceOf(UnsupportedKeySpecException.class)
        .hasMessageContaining("EC keys cannot perform [ENCRYPT]");
    assertThat(provider.listVersions(KEY)).isEmpty();
  }

  @Test
  void signingStopsAtExpiryWhileVerifyingGoesOn() {
    Instant expires = START.plus(Duration.ofDays(30));
    provider.create(
        new CreateKeyCommand(
            KEY,
            Commands.hmac(256),
            ProtectionLevel.STANDARD_KEY_VAULT,
            new KeyAttributes(Set.of(SIGN, VERIFY), START, expires, true, Map.of()),
            "k/1"));
    byte[] data = {4, 5, 6};
    byte[] mac = provider.sign(KEY, null, data);

    clock.advance(Duration.ofDays(30));

    assertThatThrownBy(() -> provider.sign(KEY, null, data))
        .isInstanceOf(KeyOperationRefusedException.class)
        .hasMessageContaining("expired at " + expires);
    assertThat(provider.verify(KEY, null, data, mac)).isTrue();
  }

  @Test
  void refusesUseBeforeNotBefore() {
    Instant notBefore = START.plus(Duration.ofDays(1));
    provider.create(
        new CreateKeyCommand(
            KEY,
            Commands.aes(256),
            ProtectionLevel.STANDARD_KEY_VAULT,
            new KeyAttributes(Set.of(ENCRYPT, DECRYPT), notBefore, null, true, Map.of()),
            "k/1"));

    assertThatThrownBy(() -> provider.encrypt(KEY, null, new byte[8]))
        .isInstanceOf(KeyOperationRefusedException.class)
        .hasMessageContaining("not valid before " + notBefore);
    clock.advance(Duration.ofDays(1));
    assertThat(provider.encrypt(KEY, null, new byte[8])).isNotEmpty();
  }

  @Test
  void eachCreateAddsAVersionListedOldestFirstAndFindWithoutVersionIsTheNewest() {
    KeyVersionInfo first = provider.create(Commands.create(KEY, Commands.aes(256), "keygen/1"));
    clock.advance(Duration.ofDays(335));
    KeyVersionInfo second = provider.create(Commands.create(KEY, Commands.aes(256), "rotation/1"));

    assertThat(second.version()).isNotEqualTo(first.version());
    assertThat(provider.listVersions(KEY)).containsExactly(first, second);
    assertThat(provider.find(KEY, null)).contains(second);
    assertThat(provider.find(KEY, first.version())).contains(first);
    assertThat(second.created()).isEqualTo(START.plus(Duration.ofDays(335)));
    byte[] oldCiphertext = provider.encrypt(KEY, first.version(), new byte[] {7});
    assertThat(provider.decrypt(KEY, first.version(), oldCiphertext)).containsExactly(7);
    assertThatThrownBy(() -> provider.decrypt(KEY, second.version(), oldCiphertext))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sameIdempotencyKeyReturnsTheSameVersionEvenAfterReopening() {
    CreateKeyCommand command = Commands.create(KEY, Commands.ec(EcCurve.P_256), "keygen/kv/k/3");
    KeyVersionInfo first = provider.create(command);

    KeyVersionInfo again = provider.create(command);
    KeyVersionInfo afterReopen = new SoftwareKeyProvider(dir, secret, clock).create(command);

    assertThat(again).isEqualTo(first);
    assertThat(afterReopen).isEqualTo(first);
    assertThat(provider.listVersions(KEY)).containsExactly(first);
  }

  @Test
  void concurrentCreatesOfDifferentKeysAllLand() throws Exception {
    int keys = 12;
    List<Callable<KeyVersionInfo>> creates = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    for (int i = 0; i < keys; i++) {
      KeyRef key = new KeyRef("kv-concurrent", "key-" + i);
      creates.add(
          () -> {
            start.await();
            return provider.create(Commands.create(key, Commands.ec(EcCurve.P_256), "k/1"));
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<KeyVersionInfo>> futures = new ArrayList<>();
      creates.forEach(c -> futures.add(pool.submit(c)));
      start.countDown();
      for (Future<KeyVersionInfo> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    SoftwareKeyProvider reopened = new SoftwareKeyProvider(dir, secret, clock);
    assertThat(reopened.listKeys()).hasSize(keys);
    for (KeyRef key : reopened.listKeys()) {
      assertThat(reopened.listVersions(key)).hasSize(1);
      assertThat(new RoundTripCheck().run(reopened, key, null).passed()).isTrue();
    }
  }

  @Test
  void concurrentCreatesOfOneKeyKeepEveryVersionAndHonourIdempotency() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<KeyVersionInfo>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < 12; i++) {
        String idempotencyKey = "step/" + (i % 4);
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return provider.create(Commands.create(KEY, Commands.hmac(256), idempotencyKey));
                }));
      }
      start.countDown();
      for (Future<KeyVersionInfo> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(provider.listVersions(KEY)).hasSize(4);
    assertThat(futures.stream().map(SoftwareKeyProviderTest::versionOf).distinct()).hasSize(4);
  }

  private static String versionOf(Future<KeyVersionInfo> future) {
    try {
      return future.get().version();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void keysSurviveReopeningTheStore() {
    KeyVersionInfo first = provider.create(Commands.create(KEY, Commands.rsa(2048), "k/1"));
    KeyVersionInfo second = provider.create(Commands.create(KEY, Commands.rsa(2048), "k/2"));
    provider.setEnabled(KEY, first.version(), false);
    byte[] data = {9, 9, 9};
    byte[] signature = provider.sign(KEY, second.version(), data);

    SoftwareKeyProvider reopened = new SoftwareKeyProvider(dir, secret, clock);

    assertThat(reopened.listKeys()).containsExactly(KEY);
    assertThat(reopened.listVersions(KEY))
        .extracting(KeyVersionInfo::version, KeyVersionInfo::enabled)
        .containsExactly(tuple(first.version(), false), tuple(second.version(), true));
    assertThat(reopened.find(KEY, null)).contains(second);
    assertThat(reopened.verify(KEY, second.version(), data, signature)).isTrue();
  }

  @Test
  void keyFilesHoldNoReadableKeyMaterial() throws Exception {
    provider.create(Commands.create(KEY, Commands.rsa(2048), "k/1"));
    provider.create(Commands.create(KEY, Commands.aes(256), "k/2"));
    KeyRef hmacKey = new KeyRef("kv-confidential", "webhook-hmac");
    provider.create(Commands.create(hmacKey, Commands.hmac(384), "k/1"));

    for (KeyRef key : List.of(KEY, hmacKey)) {
      Path file = dir.resolve(key.vault()).resolve(key.name() + ".json");
      byte[] atRest = Files.readAllBytes(file);
      List<byte[]> material = SealedMaterial.plaintextForms(file, secret);
      assertThat(material).isNotEmpty();
      for (byte[] form : material) {
        assertThat(SealedMaterial.contains(atRest, form))
            .as("key material of %s appears in its file", key)
            .isFalse();
      }
      assertThat(SealedMaterial.contains(atRest, SealedMaterial.base64(secret.copyBytes())))
          .isFalse();
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
            .isEqualTo("rw-------");
      }
    }
  }

  @Test
  void aWrongMasterSecretIsRefusedClearlyWithoutNamingASecret() {
    provider.create(Commands.create(KEY, Commands.aes(256), "k/1"));
    MasterSecret wrong = randomSecret();

    assertThatThrownBy(() -> new SoftwareKeyProvider(dir, wrong, clock))
        .isInstanceOf(MasterSecretMismatchException.class)
        .hasMessageContaining("different master secret")
        .hasMessageContaining(KEY.name() + ".json")
        .satisfies(
            e -> {
              assertThat(e.getMessage()).doesNotContain(SealedMaterial.base64(wrong.copyBytes()));
              assertThat(e.getMessage()).doesNotContain(SealedMaterial.base64(secret.copyBytes()));
            });
  }

  @Test
  void anEditedAttributeFailsAuthentication() throws Exception {
    KeyVersionInfo created =
        provider.create(Commands.create(KEY, Commands.ec(EcCurve.P_256), "k/1"));
    provider.setEnabled(KEY, created.version(), false);
    Path file = dir.resolve(KEY.vault()).resolve(KEY.name() + ".json");
    String json = Files.readString(file);
    assertThat(json).contains("\"enabled\" : false");
    Files.writeString(file, json.replace("\"enabled\" : false", "\"enabled\" : true"));

    assertThatThrownBy(() -> provider.sign(KEY, created.version(), new byte[] {1}))
        .isInstanceOf(TamperedKeyFileException.class)
        .hasMessageContaining("fails authentication");
    assertThatThrownBy(() -> provider.find(KEY, created.version()))
        .isInstanceOf(TamperedKeyFileException.class);
  }

  @Test
  void aKeyFileMovedToAnotherKeysNameFailsAuthentication() throws Exception {
    provider.create(Commands.create(KEY, Commands.aes(256), "k/1"));
    KeyRef other = new KeyRef(KEY.vault(), "other-key");
    String json = Files.readString(dir.resolve(KEY.vault()).resolve(KEY.name() + ".json"));
    Files.writeString(
        dir.resolve(KEY.vault()).resolve("other-key.json"),
        json.replace("\"" + KEY.name() + "\"", "\"other-key\""));

    assertThatThrownBy(() -> provider.encrypt(other, null, new byte[] {1}))
        .isInstanceOf(TamperedKeyFileException.class);
  }

  @Test
  void unknownKeysAndVersionsNameOnlyTheKeyAndVersion() {
    assertThat(provider.find(KEY, null)).isEmpty();
    assertThat(provider.listVersions(KEY)).isEmpty();
    assertThatThrownBy(() -> provider.sign(KEY, null, new byte[] {1}))
        .isInstanceOf(KeyNotFoundException.class)
        .hasMessage("key kv-confidential/app-encryption-key not found");
    provider.create(Commands.create(KEY, Commands.aes(256), "k/1"));
    String missing = "0123456789abcdef0123456789abcdef";
    assertThat(provider.find(KEY, missing)).isEmpty();
    assertThatThrownBy(() -> provider.setEnabled(KEY, missing, false))
        .isInstanceOf(KeyNotFoundException.class)
        .hasMessage("key kv-confidential/app-encryption-key version " + missing + " not found");
  }

  @Test
  void supportsOnlyTheAlgorithmsOfAppendixB() {
    assertThat(provider.supports(Commands.rsa(3072))).isTrue();
    assertThat(provider.supports(Commands.ec(EcCurve.P_521))).isTrue();
    assertThat(provider.supports(Commands.aes(128))).isTrue();
    assertThat(provider.supports(Commands.hmac(384))).isTrue();
    assertThat(provider.supports(Commands.rsa(1024))).isFalse();
    assertThat(provider.supports(Commands.aes(192))).isFalse();
    assertThat(provider.supports(Commands.hmac(512))).isFalse();
    assertThat(provider.supports(new KeySpec(KeyType.EC, null, null, Set.of(SIGN), null, null)))
        .isFalse();
    assertThat(
            provider.supports(
                new KeySpec(KeyType.EC, 256, EcCurve.P_384, Set.of(SIGN), null, null)))
        .isFalse();
    assertThatThrownBy(() -> provider.create(Commands.create(KEY, Commands.rsa(1024), "k/1")))
        .isInstanceOf(UnsupportedKeySpecException.class)
        .hasMessageContaining("RSA-1024");
  }

  @Test
  void backupRestoresIntoAScratchKeyThatRoundTripsWithTheSameMaterial() {
    KeyVersionInfo first = provider.create(Commands.create(KEY, Commands.rsa(2048), "k/1"));
    KeyVersionInfo second = provider.create(Commands.create(KEY, Commands.rsa(2048), "k/2"));
    byte[] data = "quarterly attestation".getBytes(StandardCharsets.UTF_8);
    byte[] signature = provider.sign(KEY, first.version(), data);
    byte[] backup = provider.backup(KEY);
    KeyRef scratch = new KeyRef("kv-scratch", "restore-test-app-encryption-key");

    List<KeyVersionInfo> restored = provider.restore(backup, scratch);

    assertThat(restored)
        .extracting(KeyVersionInfo::version)
        .containsExactly(first.version(), second.version());
    assertThat(restored).allSatisfy(v -> assertThat(v.key()).isEqualTo(scratch));
    assertThat(restored.get(0).publicKeyFingerprint()).isEqualTo(first.publicKeyFingerprint());
    assertThat(provider.verify(scratch, first.version(), data, signature)).isTrue();
    assertThat(new RoundTripCheck().run(provider, scratch, null).passed()).isTrue();
    assertThat(new SoftwareKeyProvider(dir, secret, clock).listVersions(scratch)).hasSize(2);
  }

  @Test
  void restoringTheSameBackupAgainIsIdempotentButAnotherKeyIsNeverOverwritten() {
    provider.create(Commands.create(KEY, Commands.aes(256), "k/1"));
    byte[] backup = provider.backup(KEY);
    KeyRef scratch = new KeyRef("kv-scratch", "restore-test");
    List<KeyVersionInfo> restored = provider.restore(backup, scratch);
    KeyRef occupied = new KeyRef("kv-scratch", "occupied");
    provider.create(Commands.create(occupied, Commands.aes(256), "k/1"));

    assertThat(provider.restore(backup, scratch)).isEqualTo(restored);
    assertThatThrownBy(() -> provider.restore(backup, occupied))
        .isInstanceOf(KeyAlreadyExistsException.class)
        .hasMessageContaining("kv-scratch/occupied already exists");
  }

  @Test
  void backupsHoldNoReadableMaterialAndRestoreOnlyUnderTheSameMasterSecret(@TempDir Path other)
      throws Exception {
    provider.create(Commands.create(KEY, Commands.aes(256), "k/1"));
    byte[] backup = provider.backup(KEY);
    Path file = dir.resolve(KEY.vault()).resolve(KEY.name() + ".json");
    for (byte[] form : SealedMaterial.plaintextForms(file, secret)) {
      assertThat(SealedMaterial.contains(backup, form)).isFalse();
    }
    KeyRef scratch = new KeyRef("kv-scratch", "restore-test");

    SoftwareKeyProvider elsewhere = new SoftwareKeyProvider(other, randomSecret(), clock);

    assertThatThrownBy(() -> elsewhere.restore(backup, scratch))
        .isInstanceOf(MasterSecretMismatchException.class)
        .hasMessageContaining("the backup was sealed under a different master secret");
    assertThat(new SoftwareKeyProvider(other, secret, clock).restore(backup, scratch)).hasSize(1);
    assertThatThrownBy(() -> provider.restore("not a backup".getBytes(), scratch))
        .isInstanceOf(TamperedKeyFileException.class)
        .hasMessage("the backup is not a Keyward software key backup");
  }
}
