package io.keyward.workflows.codec;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which key-encryption key protects payloads, the same in every process of one namespace (the API's
 * {@code codec} section, the worker's {@code KEYWARD_CODEC_*} variables).
 *
 * @param keyEncryptionKey {@code <provider>:<vault>/<name>}: a key of the software provider ({@code
 *     software}, kept in {@code <dataDir>/codec-keys}) or of a provider of the providers file
 *     ({@code KEYWARD_PROVIDERS_FILE}) by name; its newest version wraps new data keys, every
 *     version unwraps. {@link #NONE} stores payloads in clear.
 * @param retiredKeyEncryptionKeys keys in the same form that only unwrap, kept after the current
 *     key moved to another key
 * @param dataDir the data directory; the software key-encryption key lives below it
 * @param devMode whether the software provider may use the generated development master secret
 *     ({@code <dataDir>/master-secret}) instead of {@code KEYWARD_MASTER_SECRET}
 */
public record CodecSettings(
    String keyEncryptionKey, List<String> retiredKeyEncryptionKeys, Path dataDir, boolean devMode) {
  /** The value that turns encryption off. */
  public static final String NONE = "none";

  /** Dev mode's key-encryption key, made on first start in the software provider. */
  public static final String DEV_KEY_ENCRYPTION_KEY = "software:keyward/payloads";

  public static final String ENV_KEK = "KEYWARD_CODEC_KEK";
  public static final String ENV_RETIRED = "KEYWARD_CODEC_RETIRED_KEKS";

  public CodecSettings {
    Objects.requireNonNull(keyEncryptionKey, "keyEncryptionKey");
    retiredKeyEncryptionKeys =
        retiredKeyEncryptionKeys == null ? List.of() : List.copyOf(retiredKeyEncryptionKeys);
    Objects.requireNonNull(dataDir, "dataDir");
  }

  /**
   * From {@value #ENV_KEK} (default {@code software:keyward/payloads}) and {@value #ENV_RETIRED}
   * (comma-separated).
   */
  public static CodecSettings fromEnvironment(
      Map<String, String> env, Path dataDir, boolean devMode) {
    String kek = env.get(ENV_KEK);
    return new CodecSettings(
        kek == null || kek.isBlank() ? DEV_KEY_ENCRYPTION_KEY : kek.strip(),
        splitList(env.get(ENV_RETIRED)),
        dataDir,
        devMode);
  }

  /** A comma-separated list, blanks dropped. */
  public static List<String> splitList(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  public boolean encrypts() {
    return !NONE.equalsIgnoreCase(keyEncryptionKey);
  }
}
