package io.keyward.activities.codec;

import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.MasterSecret;
import io.keyward.activities.hsm.SoftwareKeyProvider;
import io.keyward.activities.hsm.config.ConfiguredProviders;
import io.keyward.activities.hsm.config.ProviderEntry;
import io.keyward.activities.hsm.config.ProvidersFile;
import io.keyward.workflows.codec.CodecSettings;
import io.keyward.workflows.codec.KeyEncryptionKeySource;
import io.keyward.workflows.codec.KeyEncryptionKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Opens key-encryption keys in Keyward's key providers. {@code software} is a software keystore of
 * its own in {@code <dataDir>/codec-keys} (so the payload key never shows among the keys Keyward
 * manages), sealed by the same master secret as the software provider; any other name is a provider
 * of the providers file ({@code KEYWARD_PROVIDERS_FILE}), e.g. a PKCS#11 token or a Key Vault.
 */
public final class ProviderKeySource implements KeyEncryptionKeySource {
  /** The software keystore of key-encryption keys, below the data directory. */
  public static Path softwareDirectory(Path dataDir) {
    return dataDir.resolve("codec-keys");
  }

  @Override
  public KeyEncryptionKeys open(CodecSettings settings, Map<String, String> environment) {
    KekName current = KekName.parse(settings.keyEncryptionKey());
    List<KekName> retired =
        settings.retiredKeyEncryptionKeys().stream().map(KekName::parse).toList();
    Set<String> wanted = new HashSet<>();
    wanted.add(current.provider());
    retired.forEach(name -> wanted.add(name.provider()));
    return new ProviderKeks(
        providers(
            wanted,
            softwareDirectory(settings.dataDir()),
            settings.dataDir(),
            settings.devMode(),
            environment),
        current,
        retired);
  }

  /**
   * The providers of {@code wanted} by name: {@code software} as a keystore of its own in {@code
   * softwareDirectory} (sealed by the master secret, the generated development one in dev mode),
   * the others from the providers file ({@code KEYWARD_PROVIDERS_FILE}).
   */
  public static Map<String, KeyProvider> providers(
      Set<String> wanted,
      Path softwareDirectory,
      Path dataDir,
      boolean devMode,
      Map<String, String> environment) {
    Map<String, KeyProvider> providers = new HashMap<>();
    if (wanted.contains(SoftwareKeyProvider.NAME)) {
      MasterSecret secret =
          devMode
              ? MasterSecret.loadOrGenerate(dataDir.resolve("master-secret"))
              : MasterSecret.fromEnvironment(environment, null);
      providers.put(
          SoftwareKeyProvider.NAME,
          new SoftwareKeyProvider(softwareDirectory, secret, Clock.systemUTC()));
    }
    String file = environment.get(ProvidersFile.ENV);
    if (file != null && !file.isBlank()) {
      List<ProviderEntry> entries = new ArrayList<>();
      for (ProviderEntry entry : ProvidersFile.read(Path.of(file))) {
        String name = entry.name() == null ? entry.type() : entry.name();
        if (wanted.contains(name) && !SoftwareKeyProvider.NAME.equals(name)) {
          entries.add(entry);
        }
      }
      ConfiguredProviders.open(
              entries,
              environment,
              new ConfiguredProviders.Defaults(
                  dataDir.resolve("keys"), dataDir.resolve("master-secret"), devMode))
          .forEach(provider -> providers.put(provider.name(), provider));
    }
    return providers;
  }
}
