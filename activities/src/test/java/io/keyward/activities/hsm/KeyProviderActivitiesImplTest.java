package io.keyward.activities.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.ProtectionLevel;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyProviderActivitiesImplTest {
  private static final KeyRef KEY = new KeyRef("kv-secret", "tde-key");

  @TempDir Path dir;
  private SoftwareKeyProvider software;

  @BeforeEach
  void open() {
    software = new SoftwareKeyProvider(dir, SoftwareKeyProviderTest.randomSecret());
  }

  private static ApplicationFailure failureOf(Runnable call) {
    return catchThrowableOfType(ApplicationFailure.class, call::run);
  }

  @Test
  void devModeServesHsmLevelsFromSoftwareAndSaysSoOnce() {
    KeyProviderActivitiesImpl activities;
    try (CapturedLogs logs = new CapturedLogs(ProviderRouting.class)) {
      activities = new KeyProviderActivitiesImpl(new ProviderRouting(List.of(software), true));
      activities.create(
          Commands.create(KEY, Commands.rsa(2048), ProtectionLevel.DEDICATED_HSM, "keygen/1"));
      activities.create(
          Commands.create(KEY, Commands.rsa(2048), ProtectionLevel.MANAGED_HSM, "keygen/2"));

      assertThat(logs.warnings()).hasSize(1);
      assertThat(logs.warnings().get(0))
          .contains("Development mode")
          .contains("DEDICATED_HSM")
          .contains("not HSM-protected");
    }

    List<KeyVersionInfo> versions = activities.listVersions(KEY);
    assertThat(versions).hasSize(2);
    assertThat(versions)
        .allSatisfy(v -> assertThat(v.protection()).isEqualTo(ProtectionLevel.STANDARD_KEY_VAULT));
  }

  @Test
  void withoutDevModeAnHsmLevelIsRefusedAsProtectionUnavailable() {
    KeyProviderActivitiesImpl activities =
        new KeyProviderActivitiesImpl(new ProviderRouting(List.of(software), false));

    ApplicationFailure failure =
        failureOf(
            () ->
                activities.create(
                    Commands.create(
                        KEY, Commands.rsa(4096), ProtectionLevel.DEDICATED_HSM, "keygen/1")));

    assertThat(failure.getType()).isEqualTo("ProtectionUnavailable");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("protection level DEDICATED_HSM")
        .contains("software (STANDARD_KEY_VAULT)");
    assertThat(software.listKeys()).isEmpty();
    assertThat(
            activities
                .create(
                    Commands.create(
                        KEY, Commands.aes(256), ProtectionLevel.STANDARD_KEY_VAULT, "keygen/2"))
                .provider())
        .isEqualTo("software");
  }

  @Test
  void eachLevelGoesToTheExactProviderOrTheWeakestThatSatisfiesIt() {
    FakeKeyProvider managedHsm = new FakeKeyProvider("managed-hsm", ProtectionLevel.MANAGED_HSM);
    ProviderRouting routing = new ProviderRouting(List.of(managedHsm, software), false);

    assertThat(routing.forLevel(ProtectionLevel.MANAGED_HSM)).isSameAs(managedHsm);
    assertThat(routing.forLevel(ProtectionLevel.PREMIUM_KEY_VAULT_HSM)).isSameAs(managedHsm);
    assertThat(routing.forLevel(ProtectionLevel.STANDARD_KEY_VAULT)).isSameAs(software);
    assertThat(routing.forLevel(ProtectionLevel.ANY)).isSameAs(software);
    assertThatThrownBy(() -> routing.forLevel(ProtectionLevel.DEDICATED_HSM))
        .isInstanceOf(ProtectionUnavailableException.class)
        .hasMessageContaining("DEDICATED_HSM");
  }

  @Test
  void devModeSendsALevelAProviderIsSetUpForToItAsInProduction() {
    FakeKeyProvider managedHsm = new FakeKeyProvider("managed-hsm", ProtectionLevel.MANAGED_HSM);
    ProviderRouting production = new ProviderRouting(List.of(managedHsm, software), false);
    ProviderRouting development;
    try (CapturedLogs logs = new CapturedLogs(ProviderRouting.class)) {
      development = new ProviderRouting(List.of(managedHsm, software), true);

      assertThat(logs.warnings())
          .singleElement()
          .asString()
          .contains("stands in for DEDICATED_HSM, PREMIUM_KEY_VAULT_HSM,")
          .doesNotContain("MANAGED_HSM")
          .contains("not HSM-protected");
    }

    for (ProtectionLevel level :
        EnumSet.of(
            ProtectionLevel.MANAGED_HSM, ProtectionLevel.STANDARD_KEY_VAULT, ProtectionLevel.ANY)) {
      assertThat(development.forLevel(level)).as(level.name()).isSameAs(production.forLevel(level));
      assertThat(development.softwareStandsInFor(level)).as(level.name()).isFalse();
    }
    // Levels nothing is set up for: software stands in, rather than a stronger provider taking
    // them (production sends PREMIUM_KEY_VAULT_HSM to the managed HSM) or a refusal.
    for (ProtectionLevel level :
        EnumSet.of(ProtectionLevel.DEDICATED_HSM, ProtectionLevel.PREMIUM_KEY_VAULT_HSM)) {
      assertThat(development.forLevel(level)).as(level.name()).isSameAs(software);
      assertThat(development.softwareStandsInFor(level)).as(level.name()).isTrue();
    }
  }

  @Test
  void devModeWithAProviderForEveryLevelNeitherNeedsSoftwareNorWarns() {
    FakeKeyProvider dedicatedHsm =
        new FakeKeyProvider("dedicated-hsm", ProtectionLevel.DEDICATED_HSM);
    try (CapturedLogs logs = new CapturedLogs(ProviderRouting.class)) {
      ProviderRouting development = new ProviderRouting(List.of(dedicatedHsm), true);

      for (ProtectionLevel level : ProtectionLevel.values()) {
        assertThat(development.forLevel(level)).as(level.name()).isSameAs(dedicatedHsm);
        assertThat(development.softwareStandsInFor(level)).as(level.name()).isFalse();
      }
      assertThat(logs.warnings()).isEmpty();
    }
  }

  @Test
  void devModeNeedsTheSoftwareProvider() {
    FakeKeyProvider managedHsm = new FakeKeyProvider("managed-hsm", ProtectionLevel.MANAGED_HSM);

    assertThatThrownBy(() -> new ProviderRouting(List.of(managedHsm), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("software provider, which is not configured");
  }

  @Test
  void callsNamingOnlyAKeyGoToTheProviderThatHoldsIt() {
    FakeKeyProvider managedHsm = new FakeKeyProvider("managed-hsm", ProtectionLevel.MANAGED_HSM);
    KeyProviderActivitiesImpl activities =
        new KeyProviderActivitiesImpl(new ProviderRouting(List.of(managedHsm, software), false));
    KeyRef hsmKey = new KeyRef("mhsm-secret", "tde-key");
    activities.create(
        Commands.create(hsmKey, Commands.aes(256), ProtectionLevel.MANAGED_HSM, "keygen/1"));
    KeyVersionInfo softwareKey =
        activities.create(
            Commands.create(KEY, Commands.ec(EcCurve.P_384), ProtectionLevel.ANY, "keygen/1"));

    assertThat(activities.describe(hsmKey, null).provider()).isEqualTo("managed-hsm");
    assertThat(activities.describe(KEY, null)).isEqualTo(softwareKey);
    assertThat(activities.listVersions(KEY)).containsExactly(softwareKey);
    assertThat(activities.setEnabled(KEY, softwareKey.version(), false).enabled()).isFalse();
    assertThat(activities.listVersions(new KeyRef("kv-secret", "absent"))).isEmpty();
  }

  @Test
  void roundTripPicksTheOperationPairTheVersionPermits() {
    KeyProviderActivitiesImpl activities =
        new KeyProviderActivitiesImpl(new ProviderRouting(List.of(software), false));
    KeyRef signing = new KeyRef("kv-secret", "signing-key");
    KeyVersionInfo ec =
        activities.create(
            Commands.create(signing, Commands.ec(EcCurve.P_256), ProtectionLevel.ANY, "k/1"));
    KeyVersionInfo aes =
        activities.create(Commands.create(KEY, Commands.aes(256), ProtectionLevel.ANY, "k/1"));

    RoundTripResult signed = activities.roundTrip(signing, ec.version());
    RoundTripResult encrypted = activities.roundTrip(KEY, null);

    assertThat(signed)
        .isEqualTo(
            new RoundTripResult(
                ec.version(),
                "sign/verify",
                true,
                "signature verifies, and is rejected for an altered message"));
    assertThat(encrypted)
        .isEqualTo(
            new RoundTripResult(
                aes.version(),
                "encrypt/decrypt",
                true,
                "decrypted ciphertext matches the random message"));
  }

  @Test
  void roundTripOfAVersionWithoutAUsablePairFailsWithAReason() {
    KeyProviderActivitiesImpl activities =
        new KeyProviderActivitiesImpl(new ProviderRouting(List.of(software), false));
    KeyVersionInfo wrapOnly =
        activities.create(
            Commands.createWithOperations(
                KEY,
                Commands.aes(256),
                Set.of(KeyOperation.WRAP_KEY, KeyOperation.UNWRAP_KEY),
                "k/1"));

    RoundTripResult result = activities.roundTrip(KEY, wrapOnly.version());

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).contains("neither ENCRYPT and DECRYPT nor SIGN and VERIFY");
  }

  @Test
  void roundTripCatchesAProviderThatVerifiesAnything() {
    software.create(Commands.create(KEY, Commands.hmac(256), "k/1"));
    KeyProvider lying = new VerifiesAnything(software);

    RoundTripResult result = new RoundTripCheck().run(lying, KEY, null);

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).isEqualTo("the signature also verifies for an altered message");
  }

  @Test
  void disableAllVersionsLeavesNoVersionUsable() {
    KeyProviderActivitiesImpl activities =
        new KeyProviderActivitiesImpl(new ProviderRouting(List.of(software), false));
    activities.create(Commands.create(KEY, Commands.aes(256), ProtectionLevel.ANY, "k/1"));
    var second =
        activities.create(Commands.create(KEY, Commands.aes(256), ProtectionLevel.ANY, "k/2"));
    activities.setEnabled(KEY, second.version(), true);

    var after = activities.disableAllVersions(KEY);

    assertThat(after).hasSize(2).noneMatch(v -> v.enabled());
    assertThat(activities.roundTrip(KEY, second.version()).passed()).isFalse();
    assertThat(activities.disableAllVersions(KEY)).hasSize(2);
  }

  @Test
  void verifyBackupRestoresIntoAScratchKeyAndRemovesIt() {
    KeyProviderActivitiesImpl activities =
        new KeyProviderActivitiesImpl(new ProviderRouting(List.of(software), false));
    var made =
        activities.create(Commands.create(KEY, Commands.aes(256), ProtectionLevel.ANY, "k/1"));
    activities.setEnabled(KEY, made.version(), true);

    var check = activities.verifyBackup(KEY);

    assertThat(check.passed()).isTrue();
    assertThat(check.versionsRestored()).isEqualTo(1);
    assertThat(check.detail()).contains("encrypt/decrypt passed");
    assertThat(activities.listKeys()).containsExactly(KEY);
  }

  @Test
  void unknownKeysFailAsNonRetryableKeyNotFound() {
    KeyProviderActivitiesImpl activities =
        new KeyProviderActivitiesImpl(new ProviderRouting(List.of(software), false));

    ApplicationFailure describe = failureOf(() -> activities.describe(KEY, null));
    ApplicationFailure roundTrip = failureOf(() -> activities.roundTrip(KEY, "00ff"));

    assertThat(describe.getType()).isEqualTo("KeyNotFound");
    assertThat(describe.isNonRetryable()).isTrue();
    assertThat(describe.getOriginalMessage()).isEqualTo("key kv-secret/tde-key not found");
    assertThat(roundTrip.getType()).isEqualTo("KeyNotFound");
  }

  @Test
  void unknownVersionOfAKnownKeyIsKeyNotFound() {
    KeyProviderActivitiesImpl activities =
        new KeyProviderActivitiesImpl(new ProviderRouting(List.of(software), false));
    activities.create(Commands.create(KEY, Commands.aes(256), ProtectionLevel.ANY, "k/1"));

    ApplicationFailure failure = failureOf(() -> activities.describe(KEY, "00ff"));

    assertThat(failure.getType()).isEqualTo("KeyNotFound");
    assertThat(failure.getOriginalMessage())
        .isEqualTo("key kv-secret/tde-key version 00ff not found");
  }

  @Test
  void unsupportedSpecsFailAsNonRetryableUnsupportedKeySpec() {
    KeyProviderActivitiesImpl activities =
        new KeyProviderActivitiesImpl(new ProviderRouting(List.of(software), false));

    ApplicationFailure failure =
        failureOf(
            () ->
                activities.create(
                    Commands.create(KEY, Commands.rsa(1024), ProtectionLevel.ANY, "k/1")));

    assertThat(failure.getType()).isEqualTo("UnsupportedKeySpec");
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void throttlingIsRetryableAfterTheProvidersRetryAfter() {
    FakeKeyProvider vault =
        new FakeKeyProvider("azure-keyvault", ProtectionLevel.PREMIUM_KEY_VAULT_HSM);
    vault.failWith(
        new ProviderThrottledException(
            "Key Vault kv-secret throttled key creation", Duration.ofSeconds(7)));
    KeyProviderActivitiesImpl activities =
        new KeyProviderActivitiesImpl(new ProviderRouting(List.of(vault), false));

    ApplicationFailure failure =
        failureOf(
            () ->
                activities.create(
                    Commands.create(
                        KEY, Commands.rsa(3072), ProtectionLevel.PREMIUM_KEY_VAULT_HSM, "k/1")));

    assertThat(failure.getType()).isEqualTo("ProviderThrottled");
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void softDeletedKeysFailAsNonRetryableKeyDeleted() {
    FakeKeyProvider vault =
        new FakeKeyProvider("azure-keyvault", ProtectionLevel.STANDARD_KEY_VAULT);
    vault.failWith(new KeyDeletedException("key kv-secret/tde-key is deleted"));
    KeyProviderActivitiesImpl activities =
        new KeyProviderActivitiesImpl(new ProviderRouting(List.of(vault), false));

    ApplicationFailure failure = failureOf(() -> activities.describe(KEY, null));

    assertThat(failure.getType()).isEqualTo("KeyDeleted");
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void refusedOperationsAndBadRequestsAreNonRetryable() {
    assertThat(
            ((ApplicationFailure)
                    ProviderFailures.toFailure(new KeyOperationRefusedException("disabled")))
                .getType())
        .isEqualTo("KeyOperationRefused");
    ApplicationFailure invalid =
        (ApplicationFailure) ProviderFailures.toFailure(new IllegalArgumentException("bad"));
    assertThat(invalid.getType()).isEqualTo("InvalidRequest");
    assertThat(invalid.isNonRetryable()).isTrue();
    IllegalStateException transientProblem = new IllegalStateException("disk full");
    assertThat(ProviderFailures.toFailure(transientProblem)).isSameAs(transientProblem);
  }

  @Test
  void worksAsARegisteredTemporalActivity() {
    TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
    try {
      environment.registerActivitiesImplementations(
          new KeyProviderActivitiesImpl(new ProviderRouting(List.of(software), true)));
      KeyProviderActivities stub =
          environment.newActivityStub(
              KeyProviderActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(1))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build());

      KeyVersionInfo created =
          stub.create(
              Commands.create(
                  KEY, Commands.ec(EcCurve.P_521), ProtectionLevel.DEDICATED_HSM, "k/1"));
      RoundTripResult result = stub.roundTrip(KEY, created.version());
      ActivityFailure missing =
          catchThrowableOfType(
              ActivityFailure.class, () -> stub.describe(new KeyRef("kv-secret", "absent"), null));

      assertThat(stub.describe(KEY, created.version())).isEqualTo(created);
      assertThat(result.passed()).isTrue();
      assertThat(missing.getCause()).isInstanceOf(ApplicationFailure.class);
      assertThat(((ApplicationFailure) missing.getCause()).getType()).isEqualTo("KeyNotFound");
    } finally {
      environment.close();
    }
  }

  /** Delegates to a real provider but accepts every signature. */
  private static final class VerifiesAnything implements KeyProvider {
    private final KeyProvider delegate;

    VerifiesAnything(KeyProvider delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean verify(KeyRef key, String version, byte[] data, byte[] signature) {
      return true;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public ProtectionLevel protection() {
      return delegate.protection();
    }

    @Override
    public boolean supports(KeySpec spec) {
      return delegate.supports(spec);
    }

    @Override
    public KeyVersionInfo create(CreateKeyCommand command) {
      return delegate.create(command);
    }

    @Override
    public Optional<KeyVersionInfo> find(KeyRef key, String version) {
      return delegate.find(key, version);
    }

    @Override
    public List<KeyVersionInfo> listVersions(KeyRef key) {
      return delegate.listVersions(key);
    }

    @Override
    public List<KeyRef> listKeys() {
      return delegate.listKeys();
    }

    @Override
    public KeyVersionInfo setEnabled(KeyRef key, String version, boolean enabled) {
      return delegate.setEnabled(key, version, enabled);
    }

    @Override
    public byte[] sign(KeyRef key, String version, byte[] data) {
      return delegate.sign(key, version, data);
    }

    @Override
    public byte[] encrypt(KeyRef key, String version, byte[] plaintext) {
      return delegate.encrypt(key, version, plaintext);
    }

    @Override
    public byte[] decrypt(KeyRef key, String version, byte[] ciphertext) {
      return delegate.decrypt(key, version, ciphertext);
    }

    @Override
    public byte[] backup(KeyRef key) {
      return delegate.backup(key);
    }

    @Override
    public List<KeyVersionInfo> restore(byte[] backup, KeyRef target) {
      return delegate.restore(backup, target);
    }

    @Override
    public void delete(KeyRef key) {
      delegate.delete(key);
    }

    @Override
    public Optional<String> backupNotRestorableBecause(KeyRef key) {
      return delegate.backupNotRestorableBecause(key);
    }
  }
}
