package io.keyward.api.generation;

import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * The {@code spec} of a generation request as JSON gives it. Whether the parameters are allowed for
 * the classification is decided by {@link io.keyward.workflows.policy.CryptoStandards}; this only
 * checks that the spec is complete and its tags fit a key vault.
 */
public record KeySpecBody(
    KeyType type,
    Integer size,
    EcCurve curve,
    Set<KeyOperation> operations,
    Integer validityDays,
    Map<String, String> tags) {
  /** Key Vault allows 15 tags per key; names and values are kept short for the same reason. */
  static final int MAX_TAGS = 15;

  static final int MAX_TAG_LENGTH = 256;

  KeySpec toKeySpec() {
    if (type == null) {
      throw new IllegalArgumentException(
          "spec.type is required: one of " + Arrays.toString(KeyType.values()));
    }
    if (tags != null) {
      requireFittingTags(tags);
    }
    return new KeySpec(type, size, curve, operations, validityDays, tags);
  }

  private static void requireFittingTags(Map<String, String> tags) {
    if (tags.size() > MAX_TAGS) {
      throw new IllegalArgumentException(
          "spec.tags: at most " + MAX_TAGS + " tags, was " + tags.size());
    }
    tags.forEach(
        (name, value) -> {
          if (name.isBlank() || name.length() > MAX_TAG_LENGTH) {
            throw new IllegalArgumentException(
                "spec.tags: tag names must be 1-" + MAX_TAG_LENGTH + " characters");
          }
          if (value == null || value.length() > MAX_TAG_LENGTH) {
            throw new IllegalArgumentException(
                "spec.tags." + name + ": a value of at most " + MAX_TAG_LENGTH + " characters");
          }
        });
  }
}
