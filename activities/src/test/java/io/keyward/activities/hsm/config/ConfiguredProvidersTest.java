package io.keyward.activities.hsm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.KeyProviderActivitiesImpl;
import io.keyward.activities.hsm.ProviderFailures;
import io.keyward.activities.hsm.ProviderRouting;
import io.keyward.activities.hsm.SoftwareKeyProvider;
import io.keyward.activities.hsm.conformance.Specs;
import io.keyward.activities.hsm.pkcs11.SoftHsm;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.ProtectionLevel;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Which providers a worker builds, from the environment and the providers file, and what that means
 * for a key whose classification demands an HSM: the whole way from configuration to the key
 * activity.
 */
class ConfiguredProvidersTest {
  @TempDir Path dir;
  private Map<String, String> environment;
  private ConfiguredProviders.Defaults production;
  private ConfiguredProviders.Defaults development;

  @BeforeEach
  void environment() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    environment = Map.of("KEYWARD_MASTER_SECRET", Base64.getEncoder().encodeToString(secret));
    production =
        new ConfiguredProviders.Defaults(dir.resolve("keys"), dir.resolve("master-secret"), false);
    development =
        new ConfiguredProviders.Defaults(dir.resolve("keys"), dir.resolve("master-secret"), true);
  }

  @Test
  void withoutAProvidersFileOnlySoftwareServesAndAnUltraKeyIsRefused() {
    List<KeyProvider> providers = ConfiguredProviders.fromEnvironment(environment, production);
    KeyProviderActivitiesImpl activities = activities(providers, false);

    ApplicationFailure refused =
        catchThrowableOfType(
            ApplicationFailure.class,
            () ->
                activities.create(
                    Specs.create(
                        new KeyRef("hsm-ultra-001", "root-ca-key"),
                        Specs.rsa(4096),
                        ProtectionLevel.DEDICATED_HSM,
                        null)));
    KeyVersionInfo restricted =
        activities.create(
            Specs.create(
                new KeyRef("kv-restricted", "api-key"),
                Specs.ec(EcCurve.P_256),
                ProtectionLevel.STANDARD_KEY_VAULT,
                null));

    assertThat(providers).extracting(KeyProvider::name).containsExactly(SoftwareKeyProvider.NAME);
    assertThat(refused.getType()).isEqualTo(ProviderFailures.PROTECTION_UNAVAILABLE);
    assertThat(refused.isNonRetryable()).isTrue();
    assertThat(refused.getOriginalMessage())
        .contains("no configured key provider gives protection level DEDICATED_HSM");
    assertThat(restricted.provider()).isEqualTo(SoftwareKeyProvider.NAME);
  }

  @Test
  void aProvidersFileListingOnlySoftwareRefusesHsmLevelsToo() throws Exception {
    Path file = write("providers:\n  - type: software\n");

    List<KeyProvider> providers = ConfiguredProviders.fromEnvironment(withFile(file), production);
    ProviderRouting routing = new ProviderRouting(providers, false);

    assertThat(ConfiguredProviders.describe(routing))
        .contains("DEDICATED_HSM -> refused")
        .contains("MANAGED_HSM -> refused")
        .contains("PREMIUM_KEY_VAULT_HSM -> refused")
        .contains("STANDARD_KEY_VAULT -> software");
    ApplicationFailure refused =
        catchThrowableOfType(
            ApplicationFailure.class,
            () ->
                new KeyProviderActivitiesImpl(routing)
                    .create(
                        Specs.create(
                            new KeyRef("hsm-secret-001", "tde-key"),
                            Specs.aes(256),
                            ProtectionLevel.MANAGED_HSM,
                            null)));
    assertThat(refused.getType()).isEqualTo(ProviderFailures.PROTECTION_UNAVAILABLE);
  }

  @Test
  void developmentModeServesEveryLevelFromSoftwareAndSaysSoAtStart() {
    List<KeyProvider> providers = ConfiguredProviders.fromEnvironment(Map.of(), development);
    Logger logger = (Logger) LoggerFactory.getLogger(ProviderRouting.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    KeyProviderActivitiesImpl activities;
    try {
      activities = activities(providers, true);
    } finally {
      logger.detachAppender(logs);
    }

    KeyVersionInfo ultra =
        activities.create(
            Specs.create(
                new KeyRef("hsm-ultra-001", "root-ca-key"),
                Specs.ec(EcCurve.P_521),
                ProtectionLevel.DEDICATED_HSM,
                null));

    assertThat(logs.list)
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(m -> assertThat(m).contains("Development mode").contains("not HSM-protected"));
    assertThat(ultra.provider()).isEqualTo(SoftwareKeyProvider.NAME);
    assertThat(ultra.protection()).isEqualTo(ProtectionLevel.STANDARD_KEY_VAULT);
    assertThat(Files.exists(dir.resolve("master-secret"))).isTrue();
  }

  @Test
  void theStartUpMappingMarksWhatSoftwareServesOnlyInDevelopmentMode() {
    List<KeyProvider> providers = ConfiguredProviders.fromEnvironment(Map.of(), development);

    assertThat(ConfiguredProviders.describe(new ProviderRouting(providers, true)))
        .isEqualTo(
            "DEDICATED_HSM -> software (development stand-in),"
                + " MANAGED_HSM -> software (development stand-in),"
                + " PREMIUM_KEY_VAULT_HSM -> software (development stand-in),"
                + " STANDARD_KEY_VAULT -> software, ANY -> software");
  }

  @Test
  void aProvidersFileWithATokenSendsUltraKeysToTheHsmAndTheRestToSoftware() throws Exception {
    SoftHsm softHsm = SoftHsm.shared();
    Path pinFile = dir.resolve("hsm-pin");
    Files.writeString(pinFile, softHsm.spare().pin() + "\n");
    Path file =
        write(
            "providers:\n"
                + "  - type: software\n"
                + "  - type: pkcs11\n"
                + "    name: dedicated-hsm\n"
                + "    library: "
                + SoftHsm.LIBRARY
                + "\n"
                + "    tokenLabel: "
                + SoftHsm.SPARE_TOKEN
                + "\n"
                + "    pinFile: "
                + pinFile
                + "\n");

    List<KeyProvider> providers = ConfiguredProviders.fromEnvironment(withFile(file), production);
    KeyProviderActivitiesImpl activities = activities(providers, false);
    KeyVersionInfo ultra =
        activities.create(
            Specs.create(
                new KeyRef("hsm-ultra-001", "configured-root-key"),
                Specs.ec(EcCurve.P_384),
                ProtectionLevel.DEDICATED_HSM,
                null));
    KeyVersionInfo restricted =
        activities.create(
            Specs.create(
                new KeyRef("kv-restricted", "configured-api-key"),
                Specs.ec(EcCurve.P_256),
                ProtectionLevel.STANDARD_KEY_VAULT,
                null));

    assertThat(providers)
        .extracting(KeyProvider::name)
        .containsExactly(SoftwareKeyProvider.NAME, "dedicated-hsm");
    assertThat(ultra.provider()).isEqualTo("dedicated-hsm");
    assertThat(ultra.protection()).isEqualTo(ProtectionLevel.DEDICATED_HSM);
    assertThat(restricted.provider()).isEqualTo(SoftwareKeyProvider.NAME);
    assertThat(activities.describe(ultra.key(), null).version()).isEqualTo(ultra.version());
  }

  @Test
  void buildsAKeyVaultProviderFromTheFileWithoutCallingAzure() throws Exception {
    Path file =
        write(
            "providers:\n"
                + "  - type: azure-key-vault\n"
                + "    name: managed-hsm\n"
                + "    protection: MANAGED_HSM\n"
                + "    maxRetries: 1\n"
                + "    maxRetryAfterSeconds: 3\n"
                + "    vaults:\n"
                + "      hsm-secret-001: https://hsm-secret-001.managedhsm.azure.net\n");

    List<KeyProvider> providers = ConfiguredProviders.fromEnvironment(withFile(file), production);

    assertThat(providers).hasSize(1);
    assertThat(providers.get(0).name()).isEqualTo("managed-hsm");
    assertThat(providers.get(0).protection()).isEqualTo(ProtectionLevel.MANAGED_HSM);
    assertThat(providers.get(0).supports(Specs.aes(256))).isTrue();
    assertThat(providers.get(0).supports(Specs.hmac(256))).isFalse();
  }

  @Test
  void refusesSecretsWrittenInTheFileWithoutRepeatingThem() throws Exception {
    Path file =
        write(
            "providers:\n"
                + "  - type: pkcs11\n"
                + "    name: dedicated-hsm\n"
                + "    library: /usr/lib/softhsm/libsofthsm2.so\n"
                + "    slot: 0\n"
                + "    pin: \"918273\"\n");

    assertThatThrownBy(() -> ConfiguredProviders.fromEnvironment(withFile(file), production))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'pin'")
        .hasMessageContaining("never written in the providers file")
        .hasMessageNotContaining("918273");
  }

  @Test
  void namesWhatIsWrongInAProvidersFile() throws Exception {
    Path unknownType = write("providers:\n  - type: thales-ciphertrust\n");
    Path unknownField = write("providers:\n  - type: software\n    colour: blue\n");
    Path empty = write("providers: []\n");
    Path twice =
        write(
            "providers:\n  - type: software\n  - type: software\n    directory: "
                + dir.resolve("other")
                + "\n");

    assertThatThrownBy(() -> ConfiguredProviders.fromEnvironment(withFile(unknownType), production))
        .hasMessageContaining("unknown provider type 'thales-ciphertrust'");
    assertThatThrownBy(
            () -> ConfiguredProviders.fromEnvironment(withFile(unknownField), production))
        .hasMessageContaining("unknown field 'colour'");
    assertThatThrownBy(() -> ConfiguredProviders.fromEnvironment(withFile(empty), production))
        .hasMessageContaining("at least one provider");
    assertThatThrownBy(() -> ConfiguredProviders.fromEnvironment(withFile(twice), production))
        .hasMessageContaining("two providers are named software");
    assertThatThrownBy(
            () ->
                ConfiguredProviders.fromEnvironment(
                    Map.of(ProvidersFile.ENV, dir.resolve("absent.yml").toString()), production))
        .hasMessageContaining("does not exist");
  }

  private KeyProviderActivitiesImpl activities(List<KeyProvider> providers, boolean devMode) {
    return new KeyProviderActivitiesImpl(new ProviderRouting(providers, devMode));
  }

  private Map<String, String> withFile(Path file) {
    return Map.of(
        ProvidersFile.ENV,
        file.toString(),
        "KEYWARD_MASTER_SECRET",
        environment.get("KEYWARD_MASTER_SECRET"));
  }

  private Path write(String yaml) throws Exception {
    Path file = Files.createTempFile(dir, "providers", ".yml");
    Files.writeString(file, yaml);
    return file;
  }
}
