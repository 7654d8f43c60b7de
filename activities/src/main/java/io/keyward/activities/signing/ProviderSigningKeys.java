package io.keyward.activities.signing;

import io.keyward.activities.codec.ProviderKeySource;
import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.SoftwareKeyProvider;
import io.keyward.workflows.attestation.AttestationSigner;
import io.keyward.workflows.attestation.SigningKeySource;
import io.keyward.workflows.attestation.SigningSettings;
import io.keyward.workflows.attestation.TrustedKey;
import io.keyward.workflows.attestation.TrustedKeys;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's signing key and the workers' trusted keys in Keyward's key providers: {@code software}
 * is a keystore of its own in {@code <dataDir>/signing-keys} (sealed by the master secret, so the
 * private key is never in clear on disk), any other name a provider of the providers file.
 */
public final class ProviderSigningKeys implements SigningKeySource {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderSigningKeys.class);
  private static final Set<KeyOperation> OPERATIONS =
      Set.of(KeyOperation.SIGN, KeyOperation.VERIFY);

  /** The software keystore of the signing key, below the data directory. */
  public static Path softwareDirectory(Path dataDir) {
    return dataDir.resolve("signing-keys");
  }

  @Override
  public AttestationSigner signer(SigningSettings settings, Map<String, String> environment) {
    Named named = open(settings, environment, true);
    LOG.info("People's inputs to Temporal are signed with {}", named.keyId());
    return new ProviderSigner(named.provider(), named.key(), named.version(), named.keyId());
  }

  @Override
  public TrustedKeys trusted(SigningSettings settings, Map<String, String> environment) {
    if (settings.trustedKeysFile() != null) {
      List<TrustedKey> keys = TrustedKeysFile.read(settings.trustedKeysFile());
      LOG.info(
          "Trusting signatures of {} (from {})",
          keys.stream().map(TrustedKey::keyId).toList(),
          settings.trustedKeysFile());
      return new TrustedKeys(keys);
    }
    // Only dev mode's worker, which starts before the API, makes the key it trusts.
    Named named = open(settings, environment, settings.devMode());
    if (!(named.provider() instanceof SoftwareKeyProvider software)) {
      throw new IllegalArgumentException(
          "provider '"
              + named.provider().name()
              + "' does not hand out public keys: list the API's signing key in a trusted keys"
              + " file ("
              + SigningSettings.ENV_TRUSTED
              + ")");
    }
    LOG.info("Trusting signatures of {}", named.keyId());
    return new TrustedKeys(
        List.of(
            new TrustedKey(named.keyId(), software.publicKey(named.key(), named.version()), null)));
  }

  private record Named(KeyProvider provider, KeyRef key, String version, String keyId) {}

  private static Named open(
      SigningSettings settings, Map<String, String> environment, boolean createIfMissing) {
    String text = settings.signingKey();
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "a signing key is written <provider>:<vault>/<name>, e.g. "
              + SigningSettings.DEV_SIGNING_KEY
              + "; got '"
              + text
              + "'");
    }
    String providerName = text.substring(0, colon);
    KeyRef key = KeyRef.parse(text.substring(colon + 1));
    KeyProvider provider =
        ProviderKeySource.providers(
                Set.of(providerName),
                softwareDirectory(settings.dataDir()),
                settings.dataDir(),
                settings.devMode(),
                environment)
            .get(providerName);
    if (provider == null) {
      throw new IllegalArgumentException(
          "signing key "
              + text
              + " names provider '"
              + providerName
              + "', which is not configured");
    }
    KeyVersionInfo newest =
        provider.listVersions(key).stream()
            .filter(KeyVersionInfo::enabled)
            .reduce((older, newer) -> newer)
            .orElseGet(
                () -> {
                  if (!createIfMissing) {
                    throw new IllegalArgumentException(
                        "signing key "
                            + text
                            + " does not exist yet: the API makes it on its first start; or list"
                            + " the API's public key in "
                            + SigningSettings.ENV_TRUSTED);
                  }
                  return create(provider, key, text);
                });
    return new Named(provider, key, newest.version(), text + "@" + newest.version());
  }

  private static KeyVersionInfo create(KeyProvider provider, KeyRef key, String name) {
    KeySpec spec = new KeySpec(KeyType.EC, null, EcCurve.P_256, OPERATIONS, null, Map.of());
    KeyVersionInfo created =
        provider.create(
            new CreateKeyCommand(
                key,
                spec,
                provider.protection(),
                new KeyAttributes(
                    OPERATIONS, null, null, true, Map.of("keyward-purpose", "decision-signing")),
                "keyward-signing/" + name));
    LOG.info("Created signing key {} ({})", name, spec.describe());
    return created;
  }
}
