package io.keyward.activities.hsm.config;

import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.MasterSecret;
import io.keyward.activities.hsm.ProtectionUnavailableException;
import io.keyward.activities.hsm.ProviderRouting;
import io.keyward.activities.hsm.SoftwareKeyProvider;
import io.keyward.activities.hsm.azure.AzureKeyVaultProvider;
import io.keyward.activities.hsm.azure.KeyVaultClients;
import io.keyward.activities.hsm.azure.KeyVaultSettings;
import io.keyward.activities.hsm.pkcs11.Pkcs11KeyProvider;
import io.keyward.activities.hsm.pkcs11.Pkcs11Pin;
import io.keyward.activities.hsm.pkcs11.Pkcs11Settings;
import io.keyward.workflows.policy.ProtectionLevel;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Builds the key providers a worker uses. Without a providers file ({@value ProvidersFile#ENV}
 * unset) that is the software provider alone, as before; with one, the providers it lists, in its
 * order. Which provider serves which protection level then follows from what each gives ({@link
 * ProviderRouting}): a classification that demands an HSM is refused while no HSM provider is
 * configured, unless development mode serves that level from software and says so.
 *
 * <p>Secrets come only from the environment or files: the software provider's master secret ({@code
 * KEYWARD_MASTER_SECRET}, {@code KEYWARD_MASTER_SECRET_FILE}, or a generated development secret in
 * dev mode), a token's PIN ({@code pinEnv}, default {@value Pkcs11Pin#DEFAULT_ENV}, or {@code
 * pinFile}), Azure credentials as {@code DefaultAzureCredential} finds them.
 */
public final class ConfiguredProviders {
  private ConfiguredProviders() {}

  /**
   * Where the software provider keeps its keys unless the file says otherwise, and whether this is
   * development mode.
   */
  public record Defaults(Path keysDirectory, Path devMasterSecretFile, boolean devMode) {
    public Defaults {
      Objects.requireNonNull(keysDirectory, "keysDirectory");
      Objects.requireNonNull(devMasterSecretFile, "devMasterSecretFile");
    }
  }

  /** The providers named by the environment's {@value ProvidersFile#ENV}, or the default. */
  public static List<KeyProvider> fromEnvironment(
      Map<String, String> environment, Defaults defaults) {
    String file = environment.get(ProvidersFile.ENV);
    if (file == null || file.isBlank()) {
      return List.of(software(null, null, environment, defaults));
    }
    return open(ProvidersFile.read(Path.of(file)), environment, defaults);
  }

  /**
   * Builds the listed providers.
   *
   * @throws IllegalArgumentException for an unknown type, a repeated name, a missing field
   */
  public static List<KeyProvider> open(
      List<ProviderEntry> entries, Map<String, String> environment, Defaults defaults) {
    List<KeyProvider> providers = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ProviderEntry entry : entries) {
      KeyProvider provider = build(entry, environment, defaults);
      if (!names.add(provider.name())) {
        throw new IllegalArgumentException(
            "two providers are named " + provider.name() + "; names must be unique");
      }
      providers.add(provider);
    }
    return List.copyOf(providers);
  }

  /** One line per protection level saying which provider serves it, for the start-up log. */
  public static String describe(ProviderRouting routing) {
    StringJoiner lines = new StringJoiner(", ");
    for (ProtectionLevel level : ProtectionLevel.values()) {
      String served;
      try {
        served = routing.forLevel(level).name();
        if (routing.softwareStandsInFor(level)) {
          served += " (development stand-in)";
        }
      } catch (ProtectionUnavailableException e) {
        served = "refused (no provider gives it)";
      }
      lines.add(level + " -> " + served);
    }
    return lines.toString();
  }

  private static KeyProvider build(
      ProviderEntry entry, Map<String, String> environment, Defaults defaults) {
    String type = entry.type();
    if (type == null) {
      throw new IllegalArgumentException("a provider in the providers file has no type");
    }
    return switch (type) {
      case "software" -> {
        if (entry.name() != null && !SoftwareKeyProvider.NAME.equals(entry.name())) {
          throw new IllegalArgumentException(
              "the software provider is always named " + SoftwareKeyProvider.NAME);
        }
        yield software(entry.directory(), entry.masterSecretFile(), environment, defaults);
      }
      case Pkcs11KeyProvider.TYPE -> pkcs11(entry, environment);
      case AzureKeyVaultProvider.TYPE -> azure(entry);
      default ->
          throw new IllegalArgumentException(
              "unknown provider type '"
                  + type
                  + "'; use software, "
                  + Pkcs11KeyProvider.TYPE
                  + " or "
                  + AzureKeyVaultProvider.TYPE);
    };
  }

  private static KeyProvider software(
      Path directory, Path masterSecretFile, Map<String, String> environment, Defaults defaults) {
    MasterSecret secret =
        defaults.devMode() && masterSecretFile == null
            ? MasterSecret.loadOrGenerate(defaults.devMasterSecretFile())
            : MasterSecret.fromEnvironment(environment, masterSecretFile);
    return new SoftwareKeyProvider(
        directory == null ? defaults.keysDirectory() : directory, secret, Clock.systemUTC());
  }

  private static KeyProvider pkcs11(ProviderEntry entry, Map<String, String> environment) {
    String name = entry.name() == null ? Pkcs11KeyProvider.TYPE : entry.name();
    if (entry.library() == null) {
      throw new IllegalArgumentException("the PKCS#11 provider " + name + " names no library");
    }
    if (entry.pinEnv() != null && entry.pinFile() != null) {
      throw new IllegalArgumentException(
          "the PKCS#11 provider " + name + " names both pinEnv and pinFile; name one");
    }
    Pkcs11Settings settings =
        new Pkcs11Settings(
            name, entry.library(), entry.slot(), entry.slotListIndex(), entry.tokenLabel());
    Pkcs11Pin pin =
        entry.pinFile() != null
            ? Pkcs11Pin.fromFile(entry.pinFile())
            : Pkcs11Pin.fromEnvironment(
                environment, entry.pinEnv() == null ? Pkcs11Pin.DEFAULT_ENV : entry.pinEnv());
    return new Pkcs11KeyProvider(settings, pin);
  }

  private static KeyProvider azure(ProviderEntry entry) {
    String name = entry.name() == null ? AzureKeyVaultProvider.TYPE : entry.name();
    if (entry.protection() == null) {
      throw new IllegalArgumentException(
          "the Key Vault provider "
              + name
              + " must say its protection: MANAGED_HSM, PREMIUM_KEY_VAULT_HSM or STANDARD_KEY_VAULT");
    }
    Map<String, URI> vaults = new LinkedHashMap<>();
    if (entry.vaults() != null) {
      for (Map.Entry<String, String> vault : entry.vaults().entrySet()) {
        try {
          vaults.put(vault.getKey(), new URI(vault.getValue()));
        } catch (URISyntaxException | NullPointerException e) {
          throw new IllegalArgumentException(
              "vault " + vault.getKey() + " of provider " + name + " has no valid URL");
        }
      }
    }
    KeyVaultSettings settings =
        new KeyVaultSettings(
            name,
            entry.protection(),
            vaults,
            entry.maxRetries() == null ? KeyVaultSettings.DEFAULT_MAX_RETRIES : entry.maxRetries(),
            entry.maxRetryAfterSeconds() == null
                ? KeyVaultSettings.DEFAULT_MAX_RETRY_AFTER
                : Duration.ofSeconds(entry.maxRetryAfterSeconds()));
    return new AzureKeyVaultProvider(
        settings,
        KeyVaultClients.withDefaultCredential(settings, entry.managedIdentityClientId()),
        Clock.systemUTC());
  }
}
