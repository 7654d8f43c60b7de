package io.keyward.activities.hsm.azure;

import io.keyward.workflows.common.KeyRef;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The tags of a Key Vault key version: the command's (runbook 3.2: Classification, Owner,
 * Environment, Purpose, Compliance, and what the ceremony adds) plus Keyward's own, which are never
 * reported as tags: {@value #IDEMPOTENCY_KEY} (the workflow id and step that made the version, so a
 * retried create finds it) and, for AES keys, {@value #KEY_SIZE} (Key Vault does not report the
 * size of a symmetric key). Key Vault allows 15 tags, names of 512 and values of 256 characters.
 */
final class KeyVaultTags {
  static final String IDEMPOTENCY_KEY = "KeywardIdempotencyKey";
  static final String KEY_SIZE = "KeywardKeySize";
  private static final int MAX_TAGS = 15;
  private static final int MAX_NAME = 512;
  private static final int MAX_VALUE = 256;

  private KeyVaultTags() {}

  /**
   * The tags to set on a new version.
   *
   * @throws IllegalArgumentException when a tag uses a reserved name or breaks Key Vault's limits
   */
  static Map<String, String> forCreate(
      KeyRef key, Map<String, String> tags, String idempotencyKey, Integer aesKeySize) {
    SortedMap<String, String> all = new TreeMap<>();
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (tag.getKey().equals(IDEMPOTENCY_KEY) || tag.getKey().equals(KEY_SIZE)) {
        throw new IllegalArgumentException(
            "tag " + tag.getKey() + " of " + key + " is reserved for Keyward");
      }
      all.put(tag.getKey(), tag.getValue());
    }
    if (idempotencyKey != null) {
      all.put(IDEMPOTENCY_KEY, idempotencyKey);
    }
    if (aesKeySize != null) {
      all.put(KEY_SIZE, aesKeySize.toString());
    }
    if (all.size() > MAX_TAGS) {
      throw new IllegalArgumentException(
          "key "
              + key
              + " would carry "
              + all.size()
              + " tags with Keyward's own; Key Vault allows "
              + MAX_TAGS);
    }
    for (Map.Entry<String, String> tag : all.entrySet()) {
      if (tag.getKey().isEmpty() || tag.getKey().length() > MAX_NAME) {
        throw new IllegalArgumentException(
            "a tag name of " + key + " must be 1-" + MAX_NAME + " characters");
      }
      if (tag.getValue() != null && tag.getValue().length() > MAX_VALUE) {
        throw new IllegalArgumentException(
            "tag "
                + tag.getKey()
                + " of "
                + key
                + " is longer than Key Vault's "
                + MAX_VALUE
                + " characters");
      }
    }
    return all;
  }

  /** The tags a version reports: everything but Keyward's own. */
  static Map<String, String> reported(Map<String, String> tags) {
    if (tags == null) {
      return Map.of();
    }
    SortedMap<String, String> reported = new TreeMap<>(tags);
    reported.remove(IDEMPOTENCY_KEY);
    reported.remove(KEY_SIZE);
    return reported;
  }
}
