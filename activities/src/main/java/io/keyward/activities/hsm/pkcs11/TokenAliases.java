package io.keyward.activities.hsm.pkcs11;

import io.keyward.workflows.common.KeyRef;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Keyward names the objects of one key version in a token (their CKA_LABEL; for a private key
 * also its CKA_ID, for its certificate both):
 *
 * <ul>
 *   <li>{@code keyward/<vault>/<name>/<version>}: the key itself, a private key with its
 *       certificate or a secret key;
 *   <li>{@code keyward/<vault>/<name>/<version>/record}: for a secret key only, the key pair whose
 *       certificate carries the version's {@link VersionRecord} (a private key's own certificate
 *       carries it otherwise);
 *   <li>{@code keyward/<vault>/<name>/<version>/enabled}: a small secret key whose presence means
 *       the version is enabled.
 * </ul>
 *
 * Vault and key names hold only letters, digits and dashes ({@link KeyRef}), and versions are hex,
 * so the slash separates unambiguously. Objects under other labels are not Keyward's and are left
 * alone.
 */
final class TokenAliases {
  static final String PREFIX = "keyward/";
  static final String RECORD = "record";
  static final String ENABLED = "enabled";

  private static final Pattern ALIAS =
      Pattern.compile("keyward/([^/]+)/([^/]+)/([0-9a-f]+)(?:/(" + RECORD + "|" + ENABLED + "))?");

  private TokenAliases() {}

  /** What one Keyward label names. {@code part} is null for the key itself. */
  record Parsed(KeyRef key, String version, String part) {
    boolean isKey() {
      return part == null;
    }
  }

  static String keyPrefix(KeyRef key) {
    return PREFIX + key.vault() + "/" + key.name() + "/";
  }

  static String key(KeyRef key, String version) {
    return keyPrefix(key) + version;
  }

  static String record(KeyRef key, String version) {
    return key(key, version) + "/" + RECORD;
  }

  static String enabled(KeyRef key, String version) {
    return key(key, version) + "/" + ENABLED;
  }

  /** The parsed alias, or empty for an object Keyward did not name. */
  static Optional<Parsed> parse(String alias) {
    Matcher m = ALIAS.matcher(alias);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Parsed(new KeyRef(m.group(1), m.group(2)), m.group(3), m.group(4)));
    } catch (IllegalArgumentException notAKeyName) {
      return Optional.empty();
    }
  }
}
