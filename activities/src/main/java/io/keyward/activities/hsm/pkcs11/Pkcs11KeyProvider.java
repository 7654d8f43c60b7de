package io.keyward.activities.hsm.pkcs11;

import io.keyward.activities.hsm.CreateRules;
import io.keyward.activities.hsm.KeyNotFoundException;
import io.keyward.activities.hsm.KeyOperationRefusedException;
import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.KeyUsageRules;
import io.keyward.activities.hsm.UnsupportedKeySpecException;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.ProtectionLevel;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import javax.crypto.SecretKey;

/**
 * Keys in a PKCS#11 token (a Luna / Azure Dedicated HSM in production, SoftHSM2 on a laptop),
 * driven through the JDK's SunPKCS11: protection {@link ProtectionLevel#DEDICATED_HSM}. Every key
 * is generated inside the token, sensitive and never extractable; Keyward holds only handles.
 *
 * <p>How versions live in the token is described in {@link TokenAliases}: the key object under
 * {@code keyward/<vault>/<name>/<version>}, its unchanging attributes ({@link VersionRecord}: type,
 * size, operations, dates, tags) in a certificate, and its enabled state as the presence of a
 * marker object. Disabling is enforced by Keyward before each operation (runbook 11: compromise
 * response); the token itself does not know the key is disabled, so other software holding the PIN
 * could still use it.
 *
 * <p>Versions are listed oldest first; {@code find(key, null)} is the newest. A create whose
 * idempotency key matches a version of the key returns that version. The token's non-extractable
 * keys cannot be exported, so {@link #backup} and {@link #restore} are refused: back the partition
 * up with the HSM's own means. {@link #delete} destroys the objects at once.
 *
 * <p>Thread-safe: reads and key operations run in parallel, writes to the token (create, enable,
 * disable, delete) one at a time, since not every token's object store takes concurrent writes
 * (SoftHSM2's answers CKR_GENERAL_ERROR) and creating keys is rare. Several processes may share a
 * token; each call reads the token afresh, but two processes creating versions of the same key at
 * the same moment are not coordinated.
 */
public final class Pkcs11KeyProvider implements KeyProvider {
  /** The provider type in the providers file. */
  public static final String TYPE = "pkcs11";

  private final Pkcs11Token token;
  private final TokenCrypto crypto;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final ReentrantLock writes = new ReentrantLock();

  /**
   * Opens the token and logs in.
   *
   * @throws IllegalArgumentException when the token is not found or the PIN is wrong
   * @throws IllegalStateException when the library cannot be used
   */
  public Pkcs11KeyProvider(Pkcs11Settings settings, Pkcs11Pin pin) {
    this(settings, pin, Clock.systemUTC());
  }

  public Pkcs11KeyProvider(Pkcs11Settings settings, Pkcs11Pin pin, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(pin, "pin");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.token = Pkcs11Token.open(settings, pin);
    this.crypto = new TokenCrypto(token.provider(), random);
  }

  @Override
  public String name() {
    return token.settings().name();
  }

  @Override
  public ProtectionLevel protection() {
    return ProtectionLevel.DEDICATED_HSM;
  }

  @Override
  public boolean supports(KeySpec spec) {
    return spec != null && unsupportedReason(spec) == null;
  }

  @Override
  public KeyVersionInfo create(CreateKeyCommand command) {
    KeySpec spec = CreateRules.requireSpec(command);
    KeyRef key = command.key();
    String unsupported = unsupportedReason(spec);
    if (unsupported != null) {
      throw new UnsupportedKeySpecException(
          token.describe() + " cannot create " + spec.describe() + ": " + unsupported);
    }
    KeyAttributes attributes = command.attributes();
    Set<KeyOperation> operations = CreateRules.operations(key, spec, attributes);
    String idempotencyKey = CreateRules.idempotencyKey(command);
    writes.lock();
    try {
      token.refresh();
      List<TokenVersion> existing = versions(key);
      if (idempotencyKey != null) {
        for (TokenVersion version : existing) {
          if (idempotencyKey.equals(version.record().idempotencyKey())) {
            return info(version);
          }
        }
      }
      Instant created = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      if (!existing.isEmpty()) {
        Instant newest = existing.get(existing.size() - 1).record().created();
        if (!created.isAfter(newest)) {
          created = newest.plusMillis(1);
        }
      }
      VersionRecord record =
          new VersionRecord(
              VersionRecord.FORMAT,
              key.vault(),
              key.name(),
              newVersionId(existing),
              spec.type(),
              CreateRules.reportedSize(spec),
              spec.type() == KeyType.EC ? spec.curve() : null,
              List.copyOf(operations),
              created,
              CreateRules.notBefore(attributes),
              CreateRules.expiry(spec, attributes, created),
              CreateRules.tags(spec, attributes),
              idempotencyKey);
      X509Certificate certificate = generate(key, record, spec);
      boolean enabled = CreateRules.enabled(attributes);
      if (enabled) {
        markEnabled(key, record.version());
      }
      return info(new TokenVersion(record, certificate, enabled));
    } finally {
      writes.unlock();
    }
  }

  @Override
  public Optional<KeyVersionInfo> find(KeyRef key, String version) {
    Objects.requireNonNull(key, "key");
    token.refresh();
    return version(key, version).map(this::info);
  }

  @Override
  public List<KeyVersionInfo> listVersions(KeyRef key) {
    Objects.requireNonNull(key, "key");
    token.refresh();
    return versions(key).stream().map(this::info).toList();
  }

  @Override
  public List<KeyRef> listKeys() {
    token.refresh();
    Set<KeyRef> keys = new HashSet<>();
    for (String alias : token.aliases()) {
      TokenAliases.parse(alias)
          .filter(TokenAliases.Parsed::isKey)
          .ifPresent(p -> keys.add(p.key()));
    }
    return keys.stream().sorted(Comparator.comparing(KeyRef::toString)).toList();
  }

  @Override
  public KeyVersionInfo setEnabled(KeyRef key, String version, boolean enabled) {
    Objects.requireNonNull(key, "key");
    writes.lock();
    try {
      token.refresh();
      TokenVersion current =
          version(key, version).orElseThrow(() -> KeyNotFoundException.of(key, version));
      if (current.enabled() == enabled) {
        return info(current);
      }
      String id = current.record().version();
      if (enabled) {
        markEnabled(key, id);
      } else {
        token.delete(TokenAliases.enabled(key, id));
      }
      return info(new TokenVersion(current.record(), current.certificate(), enabled));
    } finally {
      writes.unlock();
    }
  }

  @Override
  public byte[] sign(KeyRef key, String version, byte[] data) {
    required(data, "no data to sign");
    TokenVersion usable = usable(key, version, KeyOperation.SIGN);
    return crypto.sign(usable.record(), token.key(usable.alias()), data);
  }

  @Override
  public boolean verify(KeyRef key, String version, byte[] data, byte[] signature) {
    required(data, "no data to verify");
    TokenVersion usable = usable(key, version, KeyOperation.VERIFY);
    Key verifier =
        usable.record().asymmetric()
            ? usable.certificate().getPublicKey()
            : token.key(usable.alias());
    return crypto.verify(usable.record(), verifier, data, signature);
  }

  @Override
  public byte[] encrypt(KeyRef key, String version, byte[] plaintext) {
    required(plaintext, "no plaintext to encrypt");
    TokenVersion usable = usable(key, version, KeyOperation.ENCRYPT);
    Key encryptor =
        usable.record().asymmetric()
            ? usable.certificate().getPublicKey()
            : token.key(usable.alias());
    return crypto.encrypt(usable.record(), encryptor, plaintext);
  }

  @Override
  public byte[] decrypt(KeyRef key, String version, byte[] ciphertext) {
    required(ciphertext, "no ciphertext to decrypt");
    TokenVersion usable = usable(key, version, KeyOperation.DECRYPT);
    return crypto.decrypt(usable.record(), token.key(usable.alias()), ciphertext);
  }

  /**
   * Refused: the token's keys are never extractable, so Keyward cannot write a backup of them. Back
   * up the HSM partition with the HSM's own means (for a Luna, a backup HSM).
   */
  @Override
  public byte[] backup(KeyRef key) {
    Objects.requireNonNull(key, "key");
    throw new KeyOperationRefusedException(
        "key "
            + key
            + " lives non-extractable in "
            + token.describe()
            + "; Keyward cannot export a backup of it: back the HSM partition up with the HSM's"
            + " own tools");
  }

  /** The token's keys never leave it: their backup is the HSM partition's own. */
  @Override
  public Optional<String> backupNotRestorableBecause(KeyRef key) {
    Objects.requireNonNull(key, "key");
    return Optional.of(
        key
            + " lives non-extractable in "
            + token.describe()
            + ": its backup is the HSM partition's own (a backup HSM or the vendor's backup"
            + " tool), which a crypto officer or key custodian confirms");
  }

  /** Refused, as {@link #backup} is. */
  @Override
  public List<KeyVersionInfo> restore(byte[] backup, KeyRef target) {
    Objects.requireNonNull(target, "target");
    throw new KeyOperationRefusedException(
        token.describe()
            + " restores nothing from Keyward backups; restore the HSM partition with the HSM's"
            + " own tools");
  }

  @Override
  public void delete(KeyRef key) {
    Objects.requireNonNull(key, "key");
    writes.lock();
    try {
      token.refresh();
      String prefix = TokenAliases.keyPrefix(key);
      List<TokenAliases.Parsed> objects = new ArrayList<>();
      for (String alias : token.aliases()) {
        if (alias.startsWith(prefix)) {
          TokenAliases.parse(alias).filter(p -> p.key().equals(key)).ifPresent(objects::add);
        }
      }
      if (objects.stream().noneMatch(TokenAliases.Parsed::isKey)) {
        throw KeyNotFoundException.of(key, null);
      }
      // Markers first, so no version is ever enabled without its key; records last.
      objects.sort(Comparator.comparingInt(Pkcs11KeyProvider::deletionOrder));
      for (TokenAliases.Parsed object : objects) {
        token.delete(alias(object));
      }
    } finally {
      writes.unlock();
    }
  }

  @Override
  public String toString() {
    return "Pkcs11KeyProvider[" + token.describe() + "]";
  }

  /** One version as found in the token. */
  private record TokenVersion(VersionRecord record, X509Certificate certificate, boolean enabled) {
    String alias() {
      return TokenAliases.key(record.key(), record.version());
    }
  }

  private KeyVersionInfo info(TokenVersion version) {
    VersionRecord record = version.record();
    String fingerprint = record.asymmetric() ? fingerprint(version.certificate()) : null;
    return record.toInfo(version.enabled(), fingerprint, name(), protection());
  }

  private TokenVersion usable(KeyRef key, String version, KeyOperation operation) {
    Objects.requireNonNull(key, "key");
    token.refresh();
    TokenVersion found =
        version(key, version).orElseThrow(() -> KeyNotFoundException.of(key, version));
    KeyUsageRules.require(info(found), operation, clock.instant());
    return found;
  }

  private Optional<TokenVersion> version(KeyRef key, String version) {
    List<TokenVersion> all = versions(key);
    if (version == null) {
      return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
    return all.stream().filter(v -> v.record().version().equals(version)).findFirst();
  }

  /**
   * The key's versions, oldest first. A key object without its record (left by a create that failed
   * half-way) is not a version.
   */
  private List<TokenVersion> versions(KeyRef key) {
    String prefix = TokenAliases.keyPrefix(key);
    Set<String> keyVersions = new TreeSet<>();
    Set<String> records = new HashSet<>();
    Set<String> enabled = new HashSet<>();
    for (String alias : token.aliases()) {
      if (!alias.startsWith(prefix)) {
        continue;
      }
      Optional<TokenAliases.Parsed> parsed = TokenAliases.parse(alias);
      if (parsed.isEmpty() || !parsed.get().key().equals(key)) {
        continue;
      }
      TokenAliases.Parsed p = parsed.get();
      if (p.isKey()) {
        keyVersions.add(p.version());
      } else if (TokenAliases.RECORD.equals(p.part())) {
        records.add(p.version());
      } else {
        enabled.add(p.version());
      }
    }
    List<TokenVersion> versions = new ArrayList<>();
    for (String version : keyVersions) {
      String certificateAlias =
          records.contains(version)
              ? TokenAliases.record(key, version)
              : TokenAliases.key(key, version);
      Optional<X509Certificate> certificate = token.certificateIfPresent(certificateAlias);
      if (certificate.isEmpty()) {
        continue;
      }
      VersionRecord record = RecordCertificates.read(certificate.get(), certificateAlias);
      if (!record.key().equals(key) || !record.version().equals(version)) {
        throw new IllegalStateException(
            "the record labelled "
                + certificateAlias
                + " in "
                + token.describe()
                + " describes "
                + record.key()
                + " version "
                + record.version());
      }
      versions.add(new TokenVersion(record, certificate.get(), enabled.contains(version)));
    }
    versions.sort(
        Comparator.comparing((TokenVersion v) -> v.record().created())
            .thenComparing(v -> v.record().version()));
    return versions;
  }

  /**
   * Generates the key in the token and stores it with its record; returns the record's certificate.
   */
  private X509Certificate generate(KeyRef key, VersionRecord record, KeySpec spec) {
    String alias = TokenAliases.key(key, record.version());
    switch (spec.type()) {
      case RSA, EC -> {
        KeyPair pair =
            spec.type() == KeyType.RSA
                ? token.generateKeyPair(
                    "RSA", new RSAKeyGenParameterSpec(spec.size(), RSAKeyGenParameterSpec.F4))
                : token.generateKeyPair("EC", new ECGenParameterSpec(spec.curve().jcaName()));
        X509Certificate certificate =
            RecordCertificates.issue(
                alias,
                record,
                pair.getPublic(),
                pair.getPrivate(),
                certificateSignature(spec),
                token.provider(),
                random);
        token.storePrivateKey(alias, pair, certificate);
        return certificate;
      }
      case AES, HMAC -> {
        String algorithm =
            spec.type() == KeyType.AES ? "AES" : TokenCrypto.macAlgorithm(spec.size());
        SecretKey secret = token.generateSecretKey(algorithm, spec.size());
        token.storeSecretKey(alias, secret);
        String recordAlias = TokenAliases.record(key, record.version());
        try {
          KeyPair recordPair =
              token.generateKeyPair("EC", new ECGenParameterSpec(EcCurve.P_256.jcaName()));
          X509Certificate certificate =
              RecordCertificates.issue(
                  recordAlias,
                  record,
                  recordPair.getPublic(),
                  recordPair.getPrivate(),
                  "SHA256withECDSA",
                  token.provider(),
                  random);
          token.storePrivateKey(recordAlias, recordPair, certificate);
          return certificate;
        } catch (RuntimeException e) {
          try {
            token.delete(alias);
          } catch (RuntimeException cleanup) {
            e.addSuppressed(cleanup);
          }
          throw e;
        }
      }
    }
    throw new IllegalArgumentException("unknown key type " + spec.type());
  }

  private void markEnabled(KeyRef key, String version) {
    token.storeSecretKey(TokenAliases.enabled(key, version), token.generateSecretKey("AES", 128));
  }

  /** Why this token cannot create keys of the spec, or null when it can. */
  private String unsupportedReason(KeySpec spec) {
    String sizeProblem = CreateRules.sizeProblem(spec);
    if (sizeProblem != null) {
      return sizeProblem;
    }
    List<String[]> needed =
        switch (spec.type()) {
          case RSA ->
              List.of(
                  new String[] {"KeyPairGenerator", "RSA"},
                  new String[] {"Signature", "RSASSA-PSS"},
                  new String[] {"Signature", "SHA256withRSA"},
                  new String[] {"Cipher", "RSA/ECB/NoPadding"});
          case EC ->
              List.of(
                  new String[] {"KeyPairGenerator", "EC"},
                  new String[] {
                    "Signature", TokenCrypto.signatureAlgorithm(KeyType.EC, null, spec.curve())
                  });
          case AES ->
              List.of(
                  new String[] {"KeyGenerator", "AES"},
                  new String[] {"Cipher", "AES/GCM/NoPadding"},
                  new String[] {"KeyPairGenerator", "EC"},
                  new String[] {"Signature", "SHA256withECDSA"});
          case HMAC ->
              List.of(
                  new String[] {"KeyGenerator", TokenCrypto.macAlgorithm(spec.size())},
                  new String[] {"Mac", TokenCrypto.macAlgorithm(spec.size())},
                  new String[] {"KeyPairGenerator", "EC"},
                  new String[] {"Signature", "SHA256withECDSA"});
        };
    for (String[] service : needed) {
      if (!token.offers(service[0], service[1])) {
        return "the token offers no " + service[0] + " " + service[1];
      }
    }
    return null;
  }

  private static String certificateSignature(KeySpec spec) {
    return spec.type() == KeyType.RSA
        ? "SHA256withRSA"
        : TokenCrypto.signatureAlgorithm(KeyType.EC, null, spec.curve());
  }

  private String newVersionId(List<TokenVersion> existing) {
    Set<String> taken = new HashSet<>();
    existing.forEach(v -> taken.add(v.record().version()));
    byte[] id = new byte[16];
    String version;
    do {
      random.nextBytes(id);
      version = HexFormat.of().formatHex(id);
    } while (taken.contains(version));
    return version;
  }

  private static int deletionOrder(TokenAliases.Parsed object) {
    if (TokenAliases.ENABLED.equals(object.part())) {
      return 0;
    }
    return object.isKey() ? 1 : 2;
  }

  private static String alias(TokenAliases.Parsed object) {
    String key = TokenAliases.key(object.key(), object.version());
    return object.part() == null ? key : key + "/" + object.part();
  }

  private static String fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  private static <T> T required(T value, String message) {
    if (value == null) {
      throw new IllegalArgumentException(message);
    }
    return value;
  }
}
