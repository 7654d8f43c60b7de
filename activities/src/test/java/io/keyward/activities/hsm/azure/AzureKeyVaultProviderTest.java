package io.keyward.activities.hsm.azure;

import static io.keyward.workflows.policy.KeyOperation.DECRYPT;
import static io.keyward.workflows.policy.KeyOperation.ENCRYPT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpHeaderName;
import com.azure.security.keyvault.keys.KeyClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.activities.hsm.KeyAlreadyExistsException;
import io.keyward.activities.hsm.KeyDeletedException;
import io.keyward.activities.hsm.KeyProviderActivitiesImpl;
import io.keyward.activities.hsm.ProtectionUnavailableException;
import io.keyward.activities.hsm.ProviderFailures;
import io.keyward.activities.hsm.ProviderRouting;
import io.keyward.activities.hsm.ProviderThrottledException;
import io.keyward.activities.hsm.conformance.Specs;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.ProtectionLevel;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The Key Vault provider through the real Azure SDK client against the HTTPS stand-in: the
 * behaviour that is Key Vault's own (HSM key types, rotation policy, tags, soft delete, throttling,
 * challenge authentication, backups that keep their name).
 */
class AzureKeyVaultProviderTest {
  private static final String PREMIUM = "kv-confidential-prod";
  private static final String MANAGED = "hsm-secret-001";

  private KeyVaultStandIn standIn;
  private KeyVaultStandIn otherVault;

  @AfterEach
  void stop() {
    if (standIn != null) {
      standIn.close();
    }
    if (otherVault != null) {
      otherVault.close();
    }
  }

  private AzureKeyVaultProvider premium() {
    standIn = KeyVaultStandIn.start(StandInVaultKind.PREMIUM);
    return StandInProviders.provider(
        standIn, "premium-vault", ProtectionLevel.PREMIUM_KEY_VAULT_HSM, PREMIUM);
  }

  private AzureKeyVaultProvider managedHsm() {
    standIn = KeyVaultStandIn.start(StandInVaultKind.MANAGED_HSM);
    return StandInProviders.provider(standIn, "managed-hsm", ProtectionLevel.MANAGED_HSM, MANAGED);
  }

  @Test
  void aPremiumVaultMakesHsmKeysForHsmLevelsAndSoftwareKeysBelowThem() {
    AzureKeyVaultProvider provider = premium();
    KeyRef confidential = new KeyRef(PREMIUM, "app-encryption-key");
    KeyRef restricted = new KeyRef(PREMIUM, "api-signing-key");

    KeyVersionInfo hsm =
        provider.create(
            Specs.create(
                confidential, Specs.rsa(3072), ProtectionLevel.PREMIUM_KEY_VAULT_HSM, null));
    KeyVersionInfo software =
        provider.create(
            Specs.create(
                restricted, Specs.ec(EcCurve.P_256), ProtectionLevel.STANDARD_KEY_VAULT, null));

    assertThat(hsm.protection()).isEqualTo(ProtectionLevel.PREMIUM_KEY_VAULT_HSM);
    assertThat(software.protection()).isEqualTo(ProtectionLevel.STANDARD_KEY_VAULT);
    Map<String, List<StandInKeyVersion>> vault = standIn.vault().snapshot();
    assertThat(vault.get("app-encryption-key").get(0).kty).isEqualTo("RSA-HSM");
    assertThat(vault.get("app-encryption-key").get(0).size).isEqualTo(3072);
    assertThat(vault.get("api-signing-key").get(0).kty).isEqualTo("EC");
  }

  @Test
  void refusesALevelStrongerThanItsVaultsGive() {
    AzureKeyVaultProvider provider = premium();
    KeyRef key = new KeyRef(PREMIUM, "root-signing-key");

    assertThatThrownBy(
            () ->
                provider.create(
                    Specs.create(key, Specs.rsa(4096), ProtectionLevel.MANAGED_HSM, null)))
        .isInstanceOf(ProtectionUnavailableException.class)
        .hasMessageContaining("requires MANAGED_HSM")
        .hasMessageContaining("gives PREMIUM_KEY_VAULT_HSM");
    assertThat(standIn.requests()).noneMatch(r -> r.path().endsWith("/create"));
  }

  @Test
  void aManagedHsmMakesOctHsmKeysAndReportsTheirSize() {
    AzureKeyVaultProvider provider = managedHsm();
    KeyRef key = new KeyRef(MANAGED, "database-tde-key");

    KeyVersionInfo made =
        provider.create(Specs.create(key, Specs.aes(256), ProtectionLevel.MANAGED_HSM, null));
    byte[] plaintext = "cardholder record".getBytes(StandardCharsets.UTF_8);
    byte[] ciphertext = provider.encrypt(key, null, plaintext);

    assertThat(standIn.vault().snapshot().get("database-tde-key").get(0).kty).isEqualTo("oct-HSM");
    assertThat(made.size()).isEqualTo(256);
    assertThat(made.protection()).isEqualTo(ProtectionLevel.MANAGED_HSM);
    assertThat(ciphertext).hasSize(12 + plaintext.length + 16);
    assertThat(provider.decrypt(key, null, ciphertext)).isEqualTo(plaintext);
    ciphertext[13] ^= 1;
    assertThatThrownBy(() -> provider.decrypt(key, null, ciphertext))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("400");
  }

  @Test
  void setsAPolicyThatOnlyNotifiesSoKeyVaultNeverRotatesAKeyByItself() {
    AzureKeyVaultProvider provider = premium();
    KeyRef key = new KeyRef(PREMIUM, "payments-signing-key");

    provider.create(
        Specs.create(key, Specs.ec(EcCurve.P_384), ProtectionLevel.PREMIUM_KEY_VAULT_HSM, null));

    JsonNode policy = standIn.vault().storedRotationPolicy("payments-signing-key");
    assertThat(policy.path("attributes").path("expiryTime").asText(null)).isNull();
    assertThat(policy.path("lifetimeActions"))
        .extracting(
            a -> a.path("action").path("type").asText().toLowerCase(),
            a -> a.path("trigger").path("timeBeforeExpiry").asText())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("notify", "P30D"));
  }

  @Test
  void tagsVersionsAsTheRunbookSaysAndKeepsKeywardsOwnTagsOutOfTheReport() {
    AzureKeyVaultProvider provider = managedHsm();
    KeyRef key = new KeyRef(MANAGED, "phi-encryption-key");

    KeyVersionInfo made =
        provider.create(
            Specs.create(key, Specs.aes(128), ProtectionLevel.MANAGED_HSM, "keygen/phi#generate"));

    Map<String, String> stored = standIn.vault().snapshot().get("phi-encryption-key").get(0).tags;
    assertThat(stored).containsAllEntriesOf(Specs.TAGS);
    assertThat(stored)
        .containsEntry(KeyVaultTags.IDEMPOTENCY_KEY, "keygen/phi#generate")
        .containsEntry(KeyVaultTags.KEY_SIZE, "128");
    assertThat(made.tags()).isEqualTo(Specs.TAGS);
  }

  @Test
  void refusesTagsKeywardReservesOrKeyVaultWouldReject() {
    AzureKeyVaultProvider provider = premium();
    KeyRef key = new KeyRef(PREMIUM, "tagged-key");
    io.keyward.workflows.hsm.CreateKeyCommand reserved =
        new io.keyward.workflows.hsm.CreateKeyCommand(
            key,
            Specs.ec(EcCurve.P_256),
            ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
            new io.keyward.workflows.hsm.KeyAttributes(
                Set.of(), null, null, true, Map.of(KeyVaultTags.IDEMPOTENCY_KEY, "forged")),
            null);
    io.keyward.workflows.hsm.CreateKeyCommand tooLong =
        new io.keyward.workflows.hsm.CreateKeyCommand(
            key,
            Specs.ec(EcCurve.P_256),
            ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
            new io.keyward.workflows.hsm.KeyAttributes(
                Set.of(), null, null, true, Map.of("Purpose", "x".repeat(257))),
            null);

    assertThatThrownBy(() -> provider.create(reserved))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> provider.create(tooLong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("256 characters");
    assertThat(standIn.vault().snapshot()).isEmpty();
  }

  @Test
  void aDeletedKeyIsReportedAsDeletedNotAsMissing() {
    AzureKeyVaultProvider provider = premium();
    KeyRef key = new KeyRef(PREMIUM, "retired-key");
    provider.create(
        Specs.create(key, Specs.ec(EcCurve.P_256), ProtectionLevel.PREMIUM_KEY_VAULT_HSM, null));

    provider.delete(key);

    assertThatThrownBy(() -> provider.find(key, null))
        .isInstanceOf(KeyDeletedException.class)
        .hasMessageContaining("recovered");
    assertThatThrownBy(() -> provider.listVersions(key)).isInstanceOf(KeyDeletedException.class);
    assertThatThrownBy(() -> provider.sign(key, null, new byte[] {1}))
        .isInstanceOf(KeyDeletedException.class);
    assertThatThrownBy(
            () ->
                provider.create(
                    Specs.create(
                        key, Specs.ec(EcCurve.P_256), ProtectionLevel.PREMIUM_KEY_VAULT_HSM, null)))
        .isInstanceOf(KeyDeletedException.class)
        .hasMessageContaining("recover or purge");
    assertThat(provider.find(new KeyRef(PREMIUM, "never-made"), null)).isEmpty();

    KeyProviderActivitiesImpl activities =
        new KeyProviderActivitiesImpl(new ProviderRouting(List.of(provider), false));
    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> activities.describe(key, null));
    assertThat(failure.getType()).isEqualTo(ProviderFailures.KEY_DELETED);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void aBackupRestoresUnderItsOwnNameIntoAnotherVault() {
    standIn = KeyVaultStandIn.start(StandInVaultKind.PREMIUM);
    otherVault = KeyVaultStandIn.start(StandInVaultKind.PREMIUM);
    KeyVaultSettings settings =
        KeyVaultSettings.of(
            "premium-vaults",
            ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
            Map.of("kv-east", standIn.url(), "kv-east-restore", otherVault.url()));
    Map<String, KeyClient> clients =
        Map.of(
            "kv-east",
            KeyVaultClients.build(
                    KeyVaultSettings.of(
                        "premium-vaults",
                        ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
                        Map.of("kv-east", standIn.url())),
                    standIn.credential(),
                    standIn.httpClient(),
                    false)
                .get("kv-east"),
            "kv-east-restore",
            KeyVaultClients.build(
                    KeyVaultSettings.of(
                        "premium-vaults",
                        ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
                        Map.of("kv-east-restore", otherVault.url())),
                    otherVault.credential(),
                    otherVault.httpClient(),
                    false)
                .get("kv-east-restore"));
    AzureKeyVaultProvider provider =
        new AzureKeyVaultProvider(settings, clients, Clock.systemUTC());
    KeyRef key = new KeyRef("kv-east", "escrowed-key");
    provider.create(
        Specs.withOperations(
            key,
            Specs.rsa(2048),
            ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
            Set.of(ENCRYPT, DECRYPT),
            null));
    KeyVersionInfo second =
        provider.create(
            Specs.withOperations(
                key,
                Specs.rsa(2048),
                ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
                Set.of(ENCRYPT, DECRYPT),
                null));
    byte[] ciphertext = provider.encrypt(key, null, "escrowed".getBytes(StandardCharsets.UTF_8));

    byte[] backup = provider.backup(key);
    KeyRef restoredKey = new KeyRef("kv-east-restore", "escrowed-key");
    List<KeyVersionInfo> restored = provider.restore(backup, restoredKey);

    assertThat(new String(backup, StandardCharsets.UTF_8))
        .contains(KeyVaultBackup.FORMAT)
        .contains("escrowed-key");
    assertThat(restored)
        .extracting(KeyVersionInfo::version)
        .containsExactlyElementsOf(
            provider.listVersions(key).stream().map(KeyVersionInfo::version).toList());
    assertThat(restored.get(1).version()).isEqualTo(second.version());
    assertThat(provider.decrypt(restoredKey, null, ciphertext))
        .isEqualTo("escrowed".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> provider.restore(backup, new KeyRef("kv-east-restore", "renamed")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("under its own name");
    assertThatThrownBy(() -> provider.restore(backup, key))
        .isInstanceOf(KeyAlreadyExistsException.class)
        .hasMessageContaining("409");
  }

  @Test
  void aVaultRefusesTheEleventhHsmKeyCreationInTenSecondsWithItsRetryAfter() {
    Instant start = Instant.parse("2026-12-01T10:00:00Z");
    Clock[] clock = {Clock.fixed(start, java.time.ZoneOffset.UTC)};
    standIn =
        KeyVaultStandIn.start(
            StandInVaultKind.PREMIUM,
            new Clock() {
              @Override
              public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
              }

              @Override
              public Clock withZone(java.time.ZoneId zone) {
                return this;
              }

              @Override
              public Instant instant() {
                return clock[0].instant();
              }
            });
    AzureKeyVaultProvider provider =
        StandInProviders.provider(
            standIn,
            "premium-vault",
            ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
            PREMIUM,
            0,
            Duration.ofSeconds(5));
    for (int i = 0; i < 10; i++) {
      provider.create(
          Specs.create(
              new KeyRef(PREMIUM, "hsm-" + i),
              Specs.ec(EcCurve.P_256),
              ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
              null));
    }
    clock[0] = Clock.fixed(start.plusMillis(3_500), java.time.ZoneOffset.UTC);

    ProviderThrottledException throttled =
        catchThrowableOfType(
            ProviderThrottledException.class,
            () ->
                provider.create(
                    Specs.create(
                        new KeyRef(PREMIUM, "hsm-10"),
                        Specs.ec(EcCurve.P_256),
                        ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
                        null)));

    assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(standIn.vault().snapshot()).doesNotContainKey("hsm-10");
    clock[0] = Clock.fixed(start.plusSeconds(10), java.time.ZoneOffset.UTC);
    provider.create(
        Specs.create(
            new KeyRef(PREMIUM, "hsm-10"),
            Specs.ec(EcCurve.P_256),
            ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
            null));
    assertThat(standIn.vault().snapshot()).containsKey("hsm-10");
    assertThat(standIn.requests()).filteredOn(r -> r.status() == 429).hasSize(1);
  }

  @Test
  void waitsOutAShortRetryAfterInsideTheCall() {
    AzureKeyVaultProvider provider = premium();
    KeyRef key = new KeyRef(PREMIUM, "busy-key");
    provider.create(
        Specs.create(key, Specs.ec(EcCurve.P_256), ProtectionLevel.PREMIUM_KEY_VAULT_HSM, null));
    standIn.throttle(1, 1);

    assertThat(provider.find(key, null)).isPresent();

    List<KeyVaultStandIn.Request> requests = standIn.requests();
    KeyVaultStandIn.Request throttled =
        requests.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
    KeyVaultStandIn.Request retried = requests.get(requests.indexOf(throttled) + 1);
    assertThat(retried.path()).isEqualTo(throttled.path());
    assertThat(retried.status()).isEqualTo(200);
    assertThat(Duration.between(throttled.received(), retried.received()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aLongRetryAfterBecomesARetryableFailureNeverAFailedCeremony() {
    AzureKeyVaultProvider provider = premium();
    KeyRef key = new KeyRef(PREMIUM, "ceremony-key");
    standIn.throttle("/create", 5, 30);

    ProviderThrottledException throttled =
        catchThrowableOfType(
            ProviderThrottledException.class,
            () ->
                provider.create(
                    Specs.create(
                        key,
                        Specs.rsa(2048),
                        ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
                        "keygen/ceremony#generate")));
    assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(standIn.requests()).filteredOn(r -> r.status() == 429).hasSize(1);

    KeyProviderActivitiesImpl activities =
        new KeyProviderActivitiesImpl(new ProviderRouting(List.of(provider), false));
    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () ->
                activities.create(
                    Specs.create(
                        key,
                        Specs.rsa(2048),
                        ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
                        "keygen/ceremony#generate")));
    assertThat(failure.getType()).isEqualTo(ProviderFailures.PROVIDER_THROTTLED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(standIn.vault().snapshot()).doesNotContainKey("ceremony-key");
  }

  @Test
  void aCreateRetriedAfterThrottlingReturnsTheVersionItMadeAndFinishesThePolicy() {
    AzureKeyVaultProvider provider = premium();
    KeyRef key = new KeyRef(PREMIUM, "half-made-key");
    standIn.throttle("/rotationpolicy", 1, 60);
    io.keyward.workflows.hsm.CreateKeyCommand command =
        Specs.create(
            key, Specs.ec(EcCurve.P_256), ProtectionLevel.PREMIUM_KEY_VAULT_HSM, "keygen/7#gen");

    assertThatThrownBy(() -> provider.create(command))
        .isInstanceOf(ProviderThrottledException.class);
    assertThat(standIn.vault().storedRotationPolicy("half-made-key")).isNull();

    KeyVersionInfo retried = provider.create(command);

    assertThat(standIn.vault().snapshot().get("half-made-key")).hasSize(1);
    assertThat(retried.version())
        .isEqualTo(standIn.vault().snapshot().get("half-made-key").get(0).version);
    assertThat(standIn.vault().storedRotationPolicy("half-made-key")).isNotNull();
  }

  @Test
  void answersKeyVaultsChallengeWithATokenForTheChallengingTenantAndResource() {
    AzureKeyVaultProvider provider = premium();

    assertThat(provider.listKeys()).isEmpty();

    List<KeyVaultStandIn.Request> requests = standIn.requests();
    assertThat(requests.get(0).authorized()).isFalse();
    assertThat(requests.get(0).status()).isEqualTo(401);
    assertThat(requests.get(1).authorized()).isTrue();
    assertThat(requests.get(1).path()).isEqualTo(requests.get(0).path());
    assertThat(standIn.tokenRequests()).hasSize(1);
    assertThat(standIn.tokenRequests().get(0).getScopes())
        .containsExactly(KeyVaultStandIn.RESOURCE + "/.default");
    assertThat(standIn.tokenRequests().get(0).getTenantId()).isEqualTo(KeyVaultStandIn.TENANT);
  }

  @Test
  void aTokenTheVaultRejectsFailsTheCallWithoutPassingForThrottling() {
    standIn = KeyVaultStandIn.start(StandInVaultKind.PREMIUM);
    TokenCredential forged =
        request ->
            Mono.just(
                new AccessToken("not-issued-by-the-tenant", OffsetDateTime.now().plusHours(1)));
    KeyVaultSettings settings =
        KeyVaultSettings.of(
            "premium-vault", ProtectionLevel.PREMIUM_KEY_VAULT_HSM, Map.of(PREMIUM, standIn.url()));
    AzureKeyVaultProvider provider =
        new AzureKeyVaultProvider(
            settings,
            KeyVaultClients.build(settings, forged, standIn.httpClient(), false),
            Clock.systemUTC());

    assertThatThrownBy(() -> provider.find(new KeyRef(PREMIUM, "any-key"), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("401");
  }

  @Test
  void refusesKeysOfVaultsItDoesNotServe() {
    AzureKeyVaultProvider provider = premium();
    KeyRef elsewhere = new KeyRef("kv-other-vault", "some-key");

    assertThat(provider.find(elsewhere, null)).isEmpty();
    assertThatThrownBy(
            () ->
                provider.create(
                    Specs.create(
                        elsewhere,
                        Specs.ec(EcCurve.P_256),
                        ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
                        null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("serves vaults [" + PREMIUM + "]");
  }

  @Test
  void settingsRefuseWhatKeyVaultCannotBe() {
    Map<String, URI> vaults = Map.of(PREMIUM, URI.create("https://kv.vault.azure.net"));

    assertThatThrownBy(
            () -> KeyVaultSettings.of("dedicated", ProtectionLevel.DEDICATED_HSM, vaults))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not DEDICATED_HSM");
    assertThatThrownBy(
            () ->
                KeyVaultSettings.of(
                    "plain",
                    ProtectionLevel.MANAGED_HSM,
                    Map.of(MANAGED, URI.create("http://hsm.managedhsm.azure.net"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https");
    assertThatThrownBy(() -> KeyVaultSettings.of("none", ProtectionLevel.MANAGED_HSM, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names no vaults");
  }

  @Test
  void readsRetryAfterInEveryFormKeyVaultUses() {
    Instant now = Instant.parse("2026-11-28T09:00:00Z");
    com.azure.core.http.HttpHeaders seconds =
        new com.azure.core.http.HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "12");
    com.azure.core.http.HttpHeaders millis =
        new com.azure.core.http.HttpHeaders().set(HttpHeaderName.X_MS_RETRY_AFTER_MS, "1500");
    com.azure.core.http.HttpHeaders date =
        new com.azure.core.http.HttpHeaders()
            .set(HttpHeaderName.RETRY_AFTER, "Sat, 28 Nov 2026 09:00:20 GMT");

    assertThat(RetryAfter.from(seconds, now)).contains(Duration.ofSeconds(12));
    assertThat(RetryAfter.from(millis, now)).contains(Duration.ofMillis(1500));
    assertThat(RetryAfter.from(date, now)).contains(Duration.ofSeconds(20));
    assertThat(RetryAfter.from(new com.azure.core.http.HttpHeaders(), now)).isEmpty();
  }
}
