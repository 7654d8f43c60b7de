package io.keyward.activities.hsm;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What every provider applies to a create command, so a key looks the same whichever provider made
 * it: the key sizes of runbook Appendix B, and the defaults of {@link SoftwareKeyProvider} for
 * operations (the attributes', else the spec's), tags (the spec's overlaid by the attributes'),
 * expiry (explicit, else {@code validityDays} after creation) and enabled state (a command without
 * attributes creates a disabled version).
 */
public final class CreateRules {
  private static final Set<Integer> RSA_SIZES = Set.of(2048, 3072, 4096);
  private static final Set<Integer> AES_SIZES = Set.of(128, 256);
  private static final Set<Integer> HMAC_SIZES = Set.of(256, 384);

  private CreateRules() {}

  /** Why Keyward does not create keys of this spec at all, or null when it does. */
  public static String sizeProblem(KeySpec spec) {
    Integer size = spec.size();
    return switch (spec.type()) {
      case RSA ->
          spec.curve() != null
              ? "RSA keys take no curve"
              : size == null || !RSA_SIZES.contains(size)
                  ? "RSA keys are 2048, 3072 or 4096 bits, not " + size
                  : null;
      case EC ->
          spec.curve() == null
              ? "EC keys need a curve: P_256, P_384 or P_521"
              : size != null && size != spec.curve().bits()
                  ? "size " + size + " does not match curve " + spec.curve()
                  : null;
      case AES ->
          spec.curve() != null
              ? "AES keys take no curve"
              : size == null || !AES_SIZES.contains(size)
                  ? "AES keys are 128 or 256 bits, not " + size
                  : null;
      case HMAC ->
          spec.curve() != null
              ? "HMAC keys take no curve"
              : size == null || !HMAC_SIZES.contains(size)
                  ? "HMAC keys use SHA-256 or SHA-384: size 256 or 384, not " + size
                  : null;
    };
  }

  /** The key size reported for a version: modulus, curve or secret length in bits. */
  public static Integer reportedSize(KeySpec spec) {
    return spec.type() == KeyType.EC ? Integer.valueOf(spec.curve().bits()) : spec.size();
  }

  /**
   * The operations the version permits.
   *
   * @throws IllegalArgumentException when none are named
   * @throws UnsupportedKeySpecException when the key type cannot perform one of them
   */
  public static Set<KeyOperation> operations(KeyRef key, KeySpec spec, KeyAttributes attributes) {
    Set<KeyOperation> operations =
        attributes != null && !attributes.operations().isEmpty()
            ? attributes.operations()
            : spec.operations();
    if (operations.isEmpty()) {
      throw new IllegalArgumentException("name at least one key operation for " + key);
    }
    Set<KeyOperation> impossible = EnumSet.copyOf(operations);
    impossible.removeAll(KeyUsageRules.possibleFor(spec.type()));
    if (!impossible.isEmpty()) {
      throw new UnsupportedKeySpecException(
          spec.type() + " keys cannot perform " + impossible + " (requested for " + key + ")");
    }
    return EnumSet.copyOf(operations);
  }

  public static Instant expiry(KeySpec spec, KeyAttributes attributes, Instant created) {
    if (attributes != null && attributes.expires() != null) {
      return attributes.expires();
    }
    if (spec.validityDays() != null) {
      return created.plus(Duration.ofDays(spec.validityDays()));
    }
    return null;
  }

  public static Instant notBefore(KeyAttributes attributes) {
    return attributes == null ? null : attributes.notBefore();
  }

  public static SortedMap<String, String> tags(KeySpec spec, KeyAttributes attributes) {
    SortedMap<String, String> tags = new TreeMap<>(spec.tags());
    if (attributes != null) {
      tags.putAll(attributes.tags());
    }
    return tags;
  }

  public static boolean enabled(KeyAttributes attributes) {
    return attributes != null && attributes.enabled();
  }

  /** The command's idempotency key, or null when it has none (blank counts as none). */
  public static String idempotencyKey(CreateKeyCommand command) {
    String key = command.idempotencyKey();
    return key == null || key.isBlank() ? null : key;
  }

  /** The command's key and spec, checked to be present. */
  public static KeySpec requireSpec(CreateKeyCommand command) {
    if (command == null || command.key() == null) {
      throw new IllegalArgumentException("the command names no key");
    }
    if (command.spec() == null) {
      throw new IllegalArgumentException("the command for " + command.key() + " has no key spec");
    }
    return command.spec();
  }
}
