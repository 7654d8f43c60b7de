package io.keyward.activities.codec;

import io.keyward.activities.hsm.KeyProvider;
import io.keyward.workflows.codec.KeyEncryptionKey;
import io.keyward.workflows.codec.KeyEncryptionKeys;
import io.keyward.workflows.codec.UnknownKeyEncryptionKeyException;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key-encryption keys of a process, held in key providers. The current key's newest enabled
 * version at start wraps new data keys (a rotation takes effect when the processes restart); any
 * version of the current key or of a retired key unwraps. A payload naming another key is refused,
 * so the codec never decrypts with a key that was not meant for payloads.
 */
final class ProviderKeks implements KeyEncryptionKeys {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderKeks.class);
  private static final Set<KeyOperation> OPERATIONS =
      Set.of(KeyOperation.ENCRYPT, KeyOperation.DECRYPT);

  private final Map<String, KeyProvider> providers;
  private final Set<KekName> decodable;
  private final KeyEncryptionKey current;
  private final Map<String, KeyEncryptionKey> byId = new ConcurrentHashMap<>();

  /**
   * @param providers by name; each key's provider must be among them
   * @throws IllegalArgumentException when a key's provider is missing
   */
  ProviderKeks(Map<String, KeyProvider> providers, KekName current, List<KekName> retired) {
    this.providers = Map.copyOf(providers);
    Set<KekName> names = new HashSet<>(retired);
    names.add(current);
    for (KekName name : names) {
      provider(name);
    }
    this.decodable = Set.copyOf(names);
    KeyVersionInfo newest = newestOrCreate(provider(current), current);
    this.current =
        new ProviderKek(provider(current), new KekName.Versioned(current, newest.version()));
    LOG.info(
        "Payloads are encrypted under key-encryption key {}; {} retired key(s) decode only",
        this.current.id(),
        retired.size());
  }

  @Override
  public KeyEncryptionKey current() {
    return current;
  }

  @Override
  public KeyEncryptionKey forId(String id) {
    return byId.computeIfAbsent(
        id,
        text -> {
          KekName.Versioned versioned;
          try {
            versioned = KekName.parseId(text);
          } catch (IllegalArgumentException e) {
            throw new UnknownKeyEncryptionKeyException(
                "a payload names a malformed key-encryption key id");
          }
          if (!decodable.contains(versioned.name())) {
            throw new UnknownKeyEncryptionKeyException(
                "a payload is encrypted under key-encryption key "
                    + versioned.name()
                    + ", which is neither the current key nor a retired one this process keeps"
                    + " (codec.retiredKeyEncryptionKeys, KEYWARD_CODEC_RETIRED_KEKS)");
          }
          return new ProviderKek(provider(versioned.name()), versioned);
        });
  }

  private KeyProvider provider(KekName name) {
    KeyProvider provider = providers.get(name.provider());
    if (provider == null) {
      throw new IllegalArgumentException(
          "key-encryption key "
              + name
              + " names provider '"
              + name.provider()
              + "', which is not configured; configured: "
              + providers.keySet());
    }
    return provider;
  }

  private static KeyVersionInfo newestOrCreate(KeyProvider provider, KekName name) {
    return provider.listVersions(name.key()).stream()
        .filter(KeyVersionInfo::enabled)
        .reduce((older, newer) -> newer)
        .orElseGet(() -> create(provider, name));
  }

  private static KeyVersionInfo create(KeyProvider provider, KekName name) {
    KeySpec aes = new KeySpec(KeyType.AES, 256, null, OPERATIONS, null, Map.of());
    KeySpec spec =
        provider.supports(aes)
            ? aes
            : new KeySpec(KeyType.RSA, 3072, null, OPERATIONS, null, Map.of());
    KeyVersionInfo created =
        provider.create(
            new CreateKeyCommand(
                name.key(),
                spec,
                provider.protection(),
                new KeyAttributes(
                    OPERATIONS, null, null, true, Map.of("keyward-purpose", "payload-codec")),
                "keyward-codec/" + name));
    LOG.info("Created key-encryption key {} ({})", name, spec.describe());
    return created;
  }
}
