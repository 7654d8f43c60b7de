package io.keyward.activities.hsm.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.rest.PagedIterable;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.cryptography.CryptographyClient;
import com.azure.security.keyvault.keys.cryptography.models.DecryptParameters;
import com.azure.security.keyvault.keys.cryptography.models.EncryptParameters;
import com.azure.security.keyvault.keys.cryptography.models.EncryptResult;
import com.azure.security.keyvault.keys.cryptography.models.EncryptionAlgorithm;
import com.azure.security.keyvault.keys.models.KeyProperties;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import io.keyward.activities.hsm.CreateRules;
import io.keyward.activities.hsm.KeyAlreadyExistsException;
import io.keyward.activities.hsm.KeyDeletedException;
import io.keyward.activities.hsm.KeyNotFoundException;
import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.KeyUsageRules;
import io.keyward.activities.hsm.ProtectionUnavailableException;
import io.keyward.activities.hsm.UnsupportedKeySpecException;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.ProtectionLevel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Keys in Azure Key Vault or Managed HSM, through the Azure SDK ({@code
 * azure-security-keyvault-keys}). One provider serves the vaults of one protection level ({@link
 * KeyVaultSettings}); a key's {@link KeyRef#vault()} picks the vault.
 *
 * <p>Creating: a level that requires an HSM gets RSA-HSM, EC-HSM or oct-HSM keys; in a Premium
 * vault, a level that needs none gets software keys; a Managed HSM makes HSM keys only. AES keys
 * exist only in a Managed HSM, HMAC keys nowhere in Key Vault. Each create sets a notify-only
 * rotation policy on the key ({@link ExpiryNoticePolicy}: Key Vault never rotates a key by itself)
 * and the command's tags (runbook 3.2), and records the idempotency key in a Keyward tag so a
 * retried create returns the version it made.
 *
 * <p>Deleting is soft: a deleted key stays recoverable for the vault's retention period, and every
 * call on it fails with {@link KeyDeletedException}, never as "not found". Throttling (429) is
 * waited out inside a call only while the Retry-After is short ({@link ThrottleRetryStrategy});
 * otherwise it surfaces as {@link io.keyward.activities.hsm.ProviderThrottledException}, which the
 * activity layer turns into a retry after that delay, never a failed ceremony.
 *
 * <p>Backups are Key Vault's protected blobs: they restore only under the key's own name, into a
 * vault of the same subscription and geography (or the same security domain) where that name is
 * free. Signing uses PS256 or ES256/384/512, encryption RSA-OAEP-256 or AES-GCM (a Managed HSM
 * chooses the IV; Keyward writes it before the ciphertext, the tag after it).
 */
public final class AzureKeyVaultProvider implements KeyProvider {
  /** The provider type in the providers file. */
  public static final String TYPE = "azure-key-vault";

  private static final Duration DELETE_WAIT = Duration.ofSeconds(60);
  private static final int GCM_IV_BYTES = 12;
  private static final int GCM_TAG_BYTES = 16;

  private final KeyVaultSettings settings;
  private final Map<String, KeyClient> clients;
  private final Clock clock;

  /**
   * @param clients one client per vault of {@code settings}, from {@link KeyVaultClients}
   */
  public AzureKeyVaultProvider(
      KeyVaultSettings settings, Map<String, KeyClient> clients, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(clients, "clients");
    if (!clients.keySet().equals(settings.vaults().keySet())) {
      throw new IllegalArgumentException(
          "the clients of provider "
              + settings.name()
              + " serve "
              + new TreeMap<>(clients).keySet()
              + ", not the configured vaults "
              + new TreeMap<>(settings.vaults()).keySet());
    }
    this.clients = Map.copyOf(clients);
  }

  @Override
  public String name() {
    return settings.name();
  }

  @Override
  public ProtectionLevel protection() {
    return settings.protection();
  }

  @Override
  public boolean supports(KeySpec spec) {
    return spec != null && unsupportedReason(spec) == null;
  }

  @Override
  public KeyVersionInfo create(CreateKeyCommand command) {
    KeySpec spec = CreateRules.requireSpec(command);
    KeyRef key = command.key();
    KeyClient client = clientFor(key);
    String unsupported = unsupportedReason(spec);
    if (unsupported != null) {
      throw new UnsupportedKeySpecException(
          "Key Vault provider "
              + name()
              + " cannot create "
              + spec.describe()
              + ": "
              + unsupported);
    }
    boolean hsm = hsmFor(key, command.protection());
    KeyAttributes attributes = command.attributes();
    Set<KeyOperation> operations = CreateRules.operations(key, spec, attributes);
    String idempotencyKey = CreateRules.idempotencyKey(command);
    Instant now = clock.instant();
    Map<String, String> tags =
        KeyVaultTags.forCreate(
            key,
            CreateRules.tags(spec, attributes),
            idempotencyKey,
            spec.type() == KeyType.AES ? spec.size() : null);
    return call(
        key,
        null,
        "create a version of " + key,
        () -> {
          KeyVaultKey made =
              idempotencyKey == null ? null : versionMadeBy(client, key, idempotencyKey);
          if (made == null) {
            made =
                KeyVaultModel.create(
                    client,
                    KeyVaultModel.createOptions(
                        key.name(),
                        spec,
                        hsm,
                        operations,
                        CreateRules.notBefore(attributes),
                        CreateRules.expiry(spec, attributes, now),
                        CreateRules.enabled(attributes),
                        tags));
          }
          client.updateKeyRotationPolicy(key.name(), ExpiryNoticePolicy.create());
          return info(key, made);
        });
  }

  @Override
  public Optional<KeyVersionInfo> find(KeyRef key, String version) {
    Objects.requireNonNull(key, "key");
    KeyClient client = clients.get(key.vault());
    if (client == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(info(key, client.getKey(key.name(), versionPath(version))));
    } catch (ResourceNotFoundException e) {
      throwIfDeleted(client, key);
      return Optional.empty();
    } catch (HttpResponseException e) {
      throw KeyVaultErrors.translate(e, "read " + describe(key, version));
    }
  }

  /** All versions, oldest first; among versions created in the same second the current is last. */
  @Override
  public List<KeyVersionInfo> listVersions(KeyRef key) {
    Objects.requireNonNull(key, "key");
    KeyClient client = clients.get(key.vault());
    if (client == null) {
      return List.of();
    }
    List<String> versions = new ArrayList<>();
    try {
      for (KeyProperties properties : client.listPropertiesOfKeyVersions(key.name())) {
        versions.add(properties.getVersion());
      }
    } catch (ResourceNotFoundException e) {
      versions.clear();
    } catch (HttpResponseException e) {
      throw KeyVaultErrors.translate(e, "list the versions of " + key);
    }
    if (versions.isEmpty()) {
      throwIfDeleted(client, key);
      return List.of();
    }
    return call(
        key,
        null,
        "read the versions of " + key,
        () -> {
          String current = client.getKey(key.name()).getProperties().getVersion();
          List<KeyVersionInfo> infos = new ArrayList<>();
          for (String version : versions) {
            infos.add(info(key, client.getKey(key.name(), version)));
          }
          infos.sort(
              Comparator.comparing(
                      KeyVersionInfo::created, Comparator.nullsFirst(Comparator.naturalOrder()))
                  .thenComparing(v -> v.version().equals(current)));
          return List.copyOf(infos);
        });
  }

  @Override
  public List<KeyRef> listKeys() {
    List<KeyRef> keys = new ArrayList<>();
    for (Map.Entry<String, KeyClient> vault : new TreeMap<>(clients).entrySet()) {
      try {
        PagedIterable<KeyProperties> all = vault.getValue().listPropertiesOfKeys();
        for (KeyProperties properties : all) {
          if (!Boolean.TRUE.equals(properties.isManaged())) {
            keys.add(new KeyRef(vault.getKey(), properties.getName()));
          }
        }
      } catch (HttpResponseException e) {
        throw KeyVaultErrors.translate(e, "list the keys of vault " + vault.getKey());
      }
    }
    return List.copyOf(keys);
  }

  @Override
  public KeyVersionInfo setEnabled(KeyRef key, String version, boolean enabled) {
    KeyClient client = clientFor(key);
    return call(
        key,
        version,
        (enabled ? "enable " : "disable ") + describe(key, version),
        () -> {
          KeyVaultKey current = client.getKey(key.name(), versionPath(version));
          if (Boolean.valueOf(enabled).equals(current.getProperties().isEnabled())) {
            return info(key, current);
          }
          // The SDK sends the operations passed here as key_ops, an empty list included, so
          // the current ones are passed to keep them.
          return info(
              key,
              client.updateKeyProperties(
                  current.getProperties().setEnabled(enabled),
                  current
                      .getKeyOperations()
                      .toArray(com.azure.security.keyvault.keys.models.KeyOperation[]::new)));
        });
  }

  @Override
  public byte[] sign(KeyRef key, String version, byte[] data) {
    required(data, "no data to sign");
    Usable usable = usable(key, version, KeyOperation.SIGN);
    return call(
        key,
        version,
        "sign with " + describe(key, version),
        () ->
            usable
                .crypto()
                .signData(KeyVaultModel.signatureAlgorithm(usable.info()), data)
                .getSignature());
  }

  @Override
  public boolean verify(KeyRef key, String version, byte[] data, byte[] signature) {
    required(data, "no data to verify");
    if (signature == null || signature.length == 0) {
      return false;
    }
    Usable usable = usable(key, version, KeyOperation.VERIFY);
    return call(
        key,
        version,
        "verify with " + describe(key, version),
        () -> {
          try {
            return usable
                .crypto()
                .verifyData(KeyVaultModel.signatureAlgorithm(usable.info()), data, signature)
                .isValid();
          } catch (HttpResponseException e) {
            if (KeyVaultErrors.status(e) == 400) {
              return false;
            }
            throw e;
          } catch (IllegalArgumentException malformedSignature) {
            return false;
          }
        });
  }

  @Override
  public byte[] encrypt(KeyRef key, String version, byte[] plaintext) {
    required(plaintext, "no plaintext to encrypt");
    Usable usable = usable(key, version, KeyOperation.ENCRYPT);
    return call(
        key,
        version,
        "encrypt with " + describe(key, version),
        () -> {
          if (usable.info().type() != KeyType.AES) {
            return usable
                .crypto()
                .encrypt(EncryptionAlgorithm.RSA_OAEP_256, plaintext)
                .getCipherText();
          }
          EncryptParameters parameters =
              usable.info().size() != null && usable.info().size() == 128
                  ? EncryptParameters.createA128GcmParameters(plaintext)
                  : EncryptParameters.createA256GcmParameters(plaintext);
          EncryptResult result = usable.crypto().encrypt(parameters, null);
          return gcmOut(result);
        });
  }

  @Override
  public byte[] decrypt(KeyRef key, String version, byte[] ciphertext) {
    required(ciphertext, "no ciphertext to decrypt");
    Usable usable = usable(key, version, KeyOperation.DECRYPT);
    return call(
        key,
        version,
        "decrypt with " + describe(key, version),
        () -> {
          if (usable.info().type() != KeyType.AES) {
            return usable
                .crypto()
                .decrypt(EncryptionAlgorithm.RSA_OAEP_256, ciphertext)
                .getPlainText();
          }
          if (ciphertext.length <= GCM_IV_BYTES + GCM_TAG_BYTES) {
            throw new IllegalArgumentException("AES-GCM ciphertext is shorter than its IV and tag");
          }
          byte[] iv = Arrays.copyOfRange(ciphertext, 0, GCM_IV_BYTES);
          byte[] body =
              Arrays.copyOfRange(ciphertext, GCM_IV_BYTES, ciphertext.length - GCM_TAG_BYTES);
          byte[] tag =
              Arrays.copyOfRange(ciphertext, ciphertext.length - GCM_TAG_BYTES, ciphertext.length);
          DecryptParameters parameters =
              usable.info().size() != null && usable.info().size() == 128
                  ? DecryptParameters.createA128GcmParameters(body, iv, tag)
                  : DecryptParameters.createA256GcmParameters(body, iv, tag);
          return usable.crypto().decrypt(parameters, null).getPlainText();
        });
  }

  /** Key Vault's protected backup of every version, with the key's name (see the class notes). */
  @Override
  public byte[] backup(KeyRef key) {
    KeyClient client = clientFor(key);
    return call(
        key,
        null,
        "back up " + key,
        () -> KeyVaultBackup.of(key, client.backupKey(key.name())).toBytes());
  }

  /**
   * Restores a backup made by {@link #backup} into {@code target}, which must carry the backed-up
   * key's name, in a vault of this provider where that name is free (Key Vault restores under the
   * original name only, so a check of a backup restores into another vault).
   *
   * @throws IllegalArgumentException when {@code target} renames the key
   * @throws KeyAlreadyExistsException when the key exists in the target vault
   */
  @Override
  public List<KeyVersionInfo> restore(byte[] backup, KeyRef target) {
    Objects.requireNonNull(target, "target");
    KeyVaultBackup parsed = KeyVaultBackup.parse(backup);
    if (!parsed.name().equals(target.name())) {
      throw new IllegalArgumentException(
          "Key Vault restores a key under its own name only: the backup holds "
              + parsed.key()
              + ", so restore it as "
              + target.vault()
              + "/"
              + parsed.name()
              + " (or into another vault), not as "
              + target);
    }
    KeyClient client = clientFor(target);
    return call(
        target,
        null,
        "restore " + parsed.key() + " into " + target,
        () -> {
          client.restoreKeyBackup(parsed.blobBytes());
          return listVersions(target);
        });
  }

  /**
   * Key Vault restores a backup only under the key's own name, into a vault of the same
   * subscription and geography where that name is free, and a restored copy stays soft-deleted
   * after a test: the recovery vault restore (runbook 12) is a person's step.
   */
  @Override
  public Optional<String> backupNotRestorableBecause(KeyRef key) {
    Objects.requireNonNull(key, "key");
    return Optional.of(
        "Key Vault restores a backup of "
            + key
            + " only under its own name into a vault where that name is free: a crypto officer or"
            + " key custodian restores it into the recovery vault and confirms");
  }

  /** Soft-deletes the key with all its versions; it stays recoverable for the vault's retention. */
  @Override
  public void delete(KeyRef key) {
    KeyClient client = clientFor(key);
    call(
        key,
        null,
        "delete " + key,
        () -> {
          client.beginDeleteKey(key.name()).waitForCompletion(DELETE_WAIT);
          return null;
        });
  }

  @Override
  public String toString() {
    return "AzureKeyVaultProvider[" + name() + ", " + protection() + ", " + clients.keySet() + "]";
  }

  private record Usable(KeyVersionInfo info, CryptographyClient crypto) {}

  private Usable usable(KeyRef key, String version, KeyOperation operation) {
    KeyClient client = clientFor(key);
    return call(
        key,
        version,
        "use " + describe(key, version),
        () -> {
          KeyVaultKey found = client.getKey(key.name(), versionPath(version));
          KeyVersionInfo info = info(key, found);
          KeyUsageRules.require(info, operation, clock.instant());
          return new Usable(
              info, client.getCryptographyClient(key.name(), found.getProperties().getVersion()));
        });
  }

  private KeyVersionInfo info(KeyRef key, KeyVaultKey made) {
    return KeyVaultModel.info(key, made, name(), protection());
  }

  /** The version of the key whose idempotency tag matches, or null. */
  private static KeyVaultKey versionMadeBy(KeyClient client, KeyRef key, String idempotencyKey) {
    try {
      for (KeyProperties properties : client.listPropertiesOfKeyVersions(key.name())) {
        Map<String, String> tags = properties.getTags();
        if (tags != null && idempotencyKey.equals(tags.get(KeyVaultTags.IDEMPOTENCY_KEY))) {
          return client.getKey(key.name(), properties.getVersion());
        }
      }
    } catch (ResourceNotFoundException noVersionsYet) {
      return null;
    }
    return null;
  }

  /**
   * Whether a level that asks for {@code requested} gets an HSM key here.
   *
   * @throws ProtectionUnavailableException when the level asks for more than these vaults give
   */
  private boolean hsmFor(KeyRef key, ProtectionLevel requested) {
    ProtectionLevel level = requested == null ? protection() : requested;
    if (!level.isSatisfiedBy(protection())) {
      throw new ProtectionUnavailableException(
          level,
          "key "
              + key
              + " requires "
              + level
              + "; Key Vault provider "
              + name()
              + " gives "
              + protection());
    }
    return switch (protection()) {
      case MANAGED_HSM -> true;
      case PREMIUM_KEY_VAULT_HSM ->
          level.ordinal() <= ProtectionLevel.PREMIUM_KEY_VAULT_HSM.ordinal();
      default -> false;
    };
  }

  private String unsupportedReason(KeySpec spec) {
    String sizeProblem = CreateRules.sizeProblem(spec);
    if (sizeProblem != null) {
      return sizeProblem;
    }
    if (spec.type() == KeyType.HMAC) {
      return "Key Vault has no HMAC keys";
    }
    if (spec.type() == KeyType.AES && protection() != ProtectionLevel.MANAGED_HSM) {
      return "AES keys (oct-HSM) exist only in a Managed HSM";
    }
    return null;
  }

  private KeyClient clientFor(KeyRef key) {
    Objects.requireNonNull(key, "key");
    KeyClient client = clients.get(key.vault());
    if (client == null) {
      throw new IllegalArgumentException(
          "Key Vault provider "
              + name()
              + " serves vaults "
              + new TreeMap<>(clients).keySet()
              + "; key "
              + key
              + " names vault "
              + key.vault());
    }
    return client;
  }

  /** Throws {@link KeyDeletedException} when the key is among the vault's deleted keys. */
  private void throwIfDeleted(KeyClient client, KeyRef key) {
    try {
      client.getDeletedKey(key.name());
    } catch (ResourceNotFoundException notDeleted) {
      return;
    } catch (HttpResponseException e) {
      if (KeyVaultErrors.status(e) == 403) {
        return;
      }
      throw KeyVaultErrors.translate(e, "look for " + key + " among deleted keys");
    }
    throw new KeyDeletedException(
        "key "
            + key
            + " is deleted; it can be recovered within the vault's retention period, not used");
  }

  /** Runs a call to Key Vault, translating its errors; 404 becomes "deleted" or "not found". */
  private <T> T call(KeyRef key, String version, String what, Supplier<T> operation) {
    KeyClient client = clients.get(key.vault());
    try {
      return operation.get();
    } catch (ResourceNotFoundException e) {
      throwIfDeleted(client, key);
      throw KeyNotFoundException.of(key, version);
    } catch (HttpResponseException e) {
      if (KeyVaultErrors.status(e) == 409 && KeyVaultErrors.saysDeleted(e)) {
        throw new KeyDeletedException(
            "key "
                + key
                + " is deleted but recoverable; recover or purge it before making new versions");
      }
      throw KeyVaultErrors.translate(e, what);
    }
  }

  private static String describe(KeyRef key, String version) {
    return version == null ? "key " + key : "key " + key + " version " + version;
  }

  private static String versionPath(String version) {
    return version == null ? "" : version;
  }

  private static byte[] gcmOut(EncryptResult result) {
    byte[] iv = result.getIv();
    byte[] body = result.getCipherText();
    byte[] tag = result.getAuthenticationTag();
    if (iv == null || iv.length != GCM_IV_BYTES || tag == null || tag.length != GCM_TAG_BYTES) {
      throw new IllegalStateException(
          "Key Vault returned AES-GCM output without a 96-bit IV and tag");
    }
    byte[] out = new byte[iv.length + body.length + tag.length];
    System.arraycopy(iv, 0, out, 0, iv.length);
    System.arraycopy(body, 0, out, iv.length, body.length);
    System.arraycopy(tag, 0, out, iv.length + body.length, tag.length);
    return out;
  }

  private static <T> T required(T value, String message) {
    if (value == null) {
      throw new IllegalArgumentException(message);
    }
    return value;
  }
}
