package io.keyward.activities.hsm;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.ProtectionLevel;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keys generated with BouncyCastle and kept in a local directory, sealed under a {@link
 * MasterSecret}: Keyward's embedded default and the provider of development mode. It gives software
 * protection only ({@link ProtectionLevel#STANDARD_KEY_VAULT}), whatever a command asks.
 *
 * <p>Storage: one JSON file per key ({@code <dir>/<vault>/<name>.json}, owner-only permissions)
 * with each version's public attributes and its key material sealed with AES-256-GCM under a key
 * derived by HKDF-SHA256 from the master secret, the file's random salt and the key's name. The
 * associated data binds the material to key, version and every attribute, so an edited attribute
 * (say, a disabled version switched back on) or a record moved between keys fails authentication
 * with {@link TamperedKeyFileException}. What the seal cannot detect is a whole file replaced by an
 * older copy of itself; protect the directory like the secret. Opening a store sealed under another
 * master secret fails at construction with {@link MasterSecretMismatchException}.
 *
 * <p>Versions: each create adds a version with a random 32-hex-digit id; versions are listed oldest
 * first and {@code find(key, null)} is the newest. A create whose {@link
 * CreateKeyCommand#idempotencyKey()} matches an existing version of the key returns that version
 * and makes no other; the idempotency key is an internal field of the version, never a tag.
 *
 * <p>Defaults: operations come from the command's attributes, or from the spec when the attributes
 * name none; tags merge the spec's with the attributes' (the attributes win); without an explicit
 * expiry, the spec's {@code validityDays} sets one; a command without attributes creates a disabled
 * version.
 *
 * <p>Thread-safe; one process should own the directory.
 */
@SuppressWarnings("try") // methods hold a key's file lock for a try block that never names it
public final class SoftwareKeyProvider implements KeyProvider {
  public static final String NAME = "software";

  private final KeyFileStore store;
  private final KeySealer sealer;
  private final SoftwareCrypto crypto;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public SoftwareKeyProvider(Path directory, MasterSecret secret) {
    this(directory, secret, Clock.systemUTC());
  }

  /**
   * Opens (or creates) the store in {@code directory}.
   *
   * @throws MasterSecretMismatchException if any key file there was sealed under another secret
   * @throws TamperedKeyFileException if a key file there is not a Keyward key file
   */
  public SoftwareKeyProvider(Path directory, MasterSecret secret, Clock clock) {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(secret, "secret");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.store = new KeyFileStore(directory);
    this.sealer = new KeySealer(secret, random);
    this.crypto = new SoftwareCrypto(random);
    for (KeyRef key : store.keys()) {
      load(key);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ProtectionLevel protection() {
    return ProtectionLevel.STANDARD_KEY_VAULT;
  }

  @Override
  public boolean supports(KeySpec spec) {
    return spec != null && CreateRules.sizeProblem(spec) == null;
  }

  @Override
  public KeyVersionInfo create(CreateKeyCommand command) {
    Objects.requireNonNull(command, "command");
    KeyRef key = required(command.key(), "the command names no key");
    KeySpec spec = required(command.spec(), "the command for " + key + " has no key spec");
    String unsupported = CreateRules.sizeProblem(spec);
    if (unsupported != null) {
      throw new UnsupportedKeySpecException(
          "the software provider cannot create " + spec.describe() + ": " + unsupported);
    }
    KeyAttributes attributes = command.attributes();
    Set<KeyOperation> operations = CreateRules.operations(key, spec, attributes);
    String idempotencyKey =
        command.idempotencyKey() == null || command.idempotencyKey().isBlank()
            ? null
            : command.idempotencyKey();

    try (KeyFileStore.Held held = store.lock(key)) {
      Optional<KeyFile> existing = load(key);
      Optional<StoredVersion> done = existing.flatMap(f -> f.byIdempotencyKey(idempotencyKey));
      if (done.isPresent()) {
        authenticate(existing.get(), done.get());
        return info(key, done.get());
      }
      KeyFile file =
          existing.orElseGet(
              () ->
                  new KeyFile(
                      KeyFile.FORMAT,
                      key.vault(),
                      key.name(),
                      sealer.masterSecretId(),
                      base64(sealer.newSalt()),
                      List.of()));
      Instant created = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      KeyMaterial material = KeyMaterial.generate(spec.type(), spec.size(), spec.curve(), random);
      StoredVersion version =
          new StoredVersion(
              newVersionId(file),
              spec.type(),
              KeyMaterial.reportedSize(spec.type(), spec.size(), spec.curve()),
              spec.type() == KeyType.EC ? spec.curve() : null,
              List.copyOf(operations),
              attributes != null && attributes.enabled(),
              created,
              attributes == null ? null : attributes.notBefore(),
              CreateRules.expiry(spec, attributes, created),
              CreateRules.tags(spec, attributes),
              material.publicKeyFingerprint(),
              idempotencyKey,
              null);
      byte[] encoded = material.encode();
      try {
        version = version.withSealed(base64(seal(file, key, version, encoded)));
      } finally {
        Arrays.fill(encoded, (byte) 0);
      }
      store.write(file.withVersion(version));
      return info(key, version);
    }
  }

  @Override
  public Optional<KeyVersionInfo> find(KeyRef key, String version) {
    Objects.requireNonNull(key, "key");
    Optional<KeyFile> file = load(key);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    return file.get()
        .version(version)
        .map(
            v -> {
              authenticate(file.get(), v);
              return info(key, v);
            });
  }

  @Override
  public List<KeyVersionInfo> listVersions(KeyRef key) {
    Objects.requireNonNull(key, "key");
    Optional<KeyFile> file = load(key);
    if (file.isEmpty()) {
      return List.of();
    }
    List<KeyVersionInfo> versions = new ArrayList<>();
    for (StoredVersion v : file.get().versions()) {
      authenticate(file.get(), v);
      versions.add(info(key, v));
    }
    return List.copyOf(versions);
  }

  @Override
  public void delete(KeyRef key) {
    Objects.requireNonNull(key, "key");
    try (KeyFileStore.Held held = store.lock(key)) {
      if (!store.delete(key)) {
        throw notFound(key, null);
      }
    }
  }

  @Override
  public List<KeyRef> listKeys() {
    return store.keys();
  }

  @Override
  public KeyVersionInfo setEnabled(KeyRef key, String version, boolean enabled) {
    Objects.requireNonNull(key, "key");
    try (KeyFileStore.Held held = store.lock(key)) {
      KeyFile file = load(key).orElseThrow(() -> notFound(key, version));
      StoredVersion current = file.version(version).orElseThrow(() -> notFound(key, version));
      byte[] material = openSealed(file, current);
      try {
        if (current.enabled() == enabled) {
          return info(key, current);
        }
        StoredVersion changed = current.withEnabled(enabled);
        changed = changed.withSealed(base64(seal(file, key, changed, material)));
        store.write(file.replacing(changed));
        return info(key, changed);
      } finally {
        Arrays.fill(material, (byte) 0);
      }
    }
  }

  @Override
  public byte[] sign(KeyRef key, String version, byte[] data) {
    required(data, "no data to sign");
    Usable usable = usable(key, version, KeyOperation.SIGN);
    return crypto.sign(usable.version(), usable.material(), data);
  }

  @Override
  public boolean verify(KeyRef key, String version, byte[] data, byte[] signature) {
    required(data, "no data to verify");
    Usable usable = usable(key, version, KeyOperation.VERIFY);
    return crypto.verify(usable.version(), usable.material(), data, signature);
  }

  /**
   * The public key of an asymmetric version, for a party that verifies its signatures without this
   * keystore; never the private key.
   */
  public PublicKey publicKey(KeyRef key, String version) {
    Usable usable = usable(key, version, KeyOperation.VERIFY);
    if (usable.material().publicKey() == null) {
      throw new KeyOperationRefusedException(key + " has no public key");
    }
    return usable.material().publicKey();
  }

  @Override
  public byte[] encrypt(KeyRef key, String version, byte[] plaintext) {
    required(plaintext, "no plaintext to encrypt");
    Usable usable = usable(key, version, KeyOperation.ENCRYPT);
    return crypto.encrypt(usable.version(), usable.material(), plaintext);
  }

  @Override
  public byte[] decrypt(KeyRef key, String version, byte[] ciphertext) {
    required(ciphertext, "no ciphertext to decrypt");
    Usable usable = usable(key, version, KeyOperation.DECRYPT);
    return crypto.decrypt(usable.version(), usable.material(), ciphertext);
  }

  /**
   * The key's file as at rest, under a format marker: material stays sealed under the master
   * secret, so the backup restores only where the same secret is configured.
   */
  @Override
  public byte[] backup(KeyRef key) {
    Objects.requireNonNull(key, "key");
    KeyFile file = load(key).orElseThrow(() -> notFound(key, null));
    file.versions().forEach(v -> authenticate(file, v));
    try {
      return KeyFileJson.MAPPER.writeValueAsBytes(new KeyBackup(KeyBackup.FORMAT, file));
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise the backup of " + key, e);
    }
  }

  /**
   * Recreates the backed-up versions (same ids and attributes) under {@code target}, resealed for
   * the target's name. Restoring the same backup into the same target again returns the versions
   * already there; a target holding other versions is refused with {@link
   * KeyAlreadyExistsException}.
   */
  /** Backups restore under any name here, so the backup check proves them itself. */
  @Override
  public Optional<String> backupNotRestorableBecause(KeyRef key) {
    return Optional.empty();
  }

  @Override
  public List<KeyVersionInfo> restore(byte[] backup, KeyRef target) {
    Objects.requireNonNull(target, "target");
    KeyFile source = parseBackup(backup);
    KeyRef sourceKey = source.key();
    byte[] sourceSalt = base64(source.salt(), "the backup of " + sourceKey);
    byte[] targetSalt = sealer.newSalt();
    List<StoredVersion> resealed = new ArrayList<>();
    for (StoredVersion v : source.versions()) {
      byte[] material =
          sealer.open(
              sourceSalt,
              sourceKey,
              v.binding(sourceKey),
              base64(v.sealed(), "the backup of " + sourceKey),
              "version " + v.version() + " in the backup of " + sourceKey);
      try {
        resealed.add(
            v.withSealed(base64(sealer.seal(targetSalt, target, v.binding(target), material))));
      } finally {
        Arrays.fill(material, (byte) 0);
      }
    }
    try (KeyFileStore.Held held = store.lock(target)) {
      Optional<KeyFile> existing = load(target);
      if (existing.isPresent()) {
        if (versionIds(existing.get().versions()).equals(versionIds(resealed))) {
          return listVersions(target);
        }
        throw new KeyAlreadyExistsException(
            "key " + target + " already exists; restore into a key that does not exist");
      }
      store.write(
          new KeyFile(
              KeyFile.FORMAT,
              target.vault(),
              target.name(),
              sealer.masterSecretId(),
              base64(targetSalt),
              resealed));
    }
    return resealed.stream().map(v -> info(target, v)).toList();
  }

  @Override
  public String toString() {
    return "SoftwareKeyProvider[" + store.root() + "]";
  }

  private record Usable(StoredVersion version, KeyMaterial material) {}

  private Usable usable(KeyRef key, String version, KeyOperation operation) {
    Objects.requireNonNull(key, "key");
    KeyFile file = load(key).orElseThrow(() -> notFound(key, version));
    StoredVersion stored = file.version(version).orElseThrow(() -> notFound(key, version));
    byte[] encoded = openSealed(file, stored);
    KeyMaterial material;
    try {
      material = KeyMaterial.decode(stored.type(), stored.size(), encoded);
    } finally {
      Arrays.fill(encoded, (byte) 0);
    }
    KeyUsageRules.require(info(key, stored), operation, clock.instant());
    return new Usable(stored, material);
  }

  /** The key's file, checked to be a Keyward key file of this key sealed under this secret. */
  private Optional<KeyFile> load(KeyRef key) {
    Optional<KeyFile> file = store.read(key);
    file.ifPresent(f -> checkSealedHere(f, "key file " + store.fileOf(key), key));
    return file;
  }

  private void checkSealedHere(KeyFile file, String what, KeyRef expected) {
    if (!KeyFile.FORMAT.equals(file.format())) {
      throw new TamperedKeyFileException(what + " is not of format " + KeyFile.FORMAT);
    }
    if (!sealer.masterSecretId().equals(file.masterSecretId())) {
      throw new MasterSecretMismatchException(
          what
              + " was sealed under a different master secret than the one configured"
              + " (check "
              + MasterSecret.ENV_VALUE
              + " or "
              + MasterSecret.ENV_FILE
              + ")");
    }
    KeyRef holds;
    try {
      holds = file.key();
    } catch (IllegalArgumentException e) {
      throw new TamperedKeyFileException(what + " names no valid key");
    }
    if (expected != null && !holds.equals(expected)) {
      throw new TamperedKeyFileException(what + " holds key " + holds + ", not " + expected);
    }
    if (file.salt() == null) {
      throw new TamperedKeyFileException(what + " has no salt");
    }
  }

  private KeyFile parseBackup(byte[] backup) {
    if (backup == null || backup.length == 0) {
      throw new IllegalArgumentException("the backup is empty");
    }
    KeyBackup parsed;
    try {
      parsed = KeyFileJson.MAPPER.readValue(backup, KeyBackup.class);
    } catch (IOException e) {
      throw new TamperedKeyFileException("the backup is not a Keyward software key backup");
    }
    if (!KeyBackup.FORMAT.equals(parsed.format()) || parsed.key() == null) {
      throw new TamperedKeyFileException(
          "the backup is not a Keyward software key backup of format " + KeyBackup.FORMAT);
    }
    checkSealedHere(parsed.key(), "the backup", null);
    if (parsed.key().versions().isEmpty()) {
      throw new TamperedKeyFileException(
          "the backup of " + parsed.key().key() + " holds no versions");
    }
    return parsed.key();
  }

  private byte[] seal(KeyFile file, KeyRef key, StoredVersion version, byte[] material) {
    return sealer.seal(
        base64(file.salt(), "key file of " + key), key, version.binding(key), material);
  }

  /** The version's material, authenticated together with its attributes; caller clears it. */
  private byte[] openSealed(KeyFile file, StoredVersion version) {
    KeyRef key = file.key();
    String what = "key " + key + " version " + version.version();
    return sealer.open(
        base64(file.salt(), what), key, version.binding(key), base64(version.sealed(), what), what);
  }

  private void authenticate(KeyFile file, StoredVersion version) {
    Arrays.fill(openSealed(file, version), (byte) 0);
  }

  private KeyVersionInfo info(KeyRef key, StoredVersion version) {
    return version.toInfo(key, NAME, protection());
  }

  private String newVersionId(KeyFile file) {
    byte[] id = new byte[16];
    String version;
    do {
      random.nextBytes(id);
      version = HexFormat.of().formatHex(id);
    } while (file.version(version).isPresent());
    return version;
  }

  private static List<String> versionIds(List<StoredVersion> versions) {
    return versions.stream().map(StoredVersion::version).toList();
  }

  private static KeyNotFoundException notFound(KeyRef key, String version) {
    return KeyNotFoundException.of(key, version);
  }

  private static <T> T required(T value, String message) {
    if (value == null) {
      throw new IllegalArgumentException(message);
    }
    return value;
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] base64(String text, String what) {
    if (text == null) {
      throw new TamperedKeyFileException(what + " lacks a sealed field");
    }
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new TamperedKeyFileException(what + " has a sealed field that is not base64");
    }
  }
}
