package io.keyward.activities.hsm;

import static io.keyward.workflows.policy.KeyOperation.DECRYPT;
import static io.keyward.workflows.policy.KeyOperation.ENCRYPT;
import static io.keyward.workflows.policy.KeyOperation.SIGN;
import static io.keyward.workflows.policy.KeyOperation.UNWRAP_KEY;
import static io.keyward.workflows.policy.KeyOperation.VERIFY;
import static io.keyward.workflows.policy.KeyOperation.WRAP_KEY;

import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeyType;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a key version may be used, the same for every provider: it must be enabled, permit the
 * operation, be of a type that can perform it and be inside its validity window. Signing and
 * encrypting stop at expiry; verifying and decrypting go on after it, so data protected before
 * expiry stays readable (Key Vault behaves the same way).
 */
public final class KeyUsageRules {
  private static final Map<KeyType, Set<KeyOperation>> POSSIBLE =
      Map.of(
          KeyType.RSA, EnumSet.allOf(KeyOperation.class),
          KeyType.EC, EnumSet.of(SIGN, VERIFY),
          KeyType.AES, EnumSet.of(ENCRYPT, DECRYPT, WRAP_KEY, UNWRAP_KEY),
          KeyType.HMAC, EnumSet.of(SIGN, VERIFY));

  private KeyUsageRules() {}

  /** The operations keys of this type can perform at all. */
  public static Set<KeyOperation> possibleFor(KeyType type) {
    return Set.copyOf(POSSIBLE.get(type));
  }

  /**
   * Throws {@link KeyOperationRefusedException} saying why {@code version} may not perform {@code
   * operation} at {@code now}.
   */
  public static void require(KeyVersionInfo version, KeyOperation operation, Instant now) {
    String which = "key " + version.key() + " version " + version.version();
    if (!POSSIBLE.get(version.type()).contains(operation)) {
      throw new KeyOperationRefusedException(
          which + " is " + version.type() + " and " + version.type() + " keys cannot " + operation);
    }
    if (!version.enabled()) {
      throw new KeyOperationRefusedException(which + " is disabled");
    }
    if (!version.operations().contains(operation)) {
      throw new KeyOperationRefusedException(
          which
              + " does not permit "
              + operation
              + "; permitted: "
              + new TreeSet<>(version.operations()));
    }
    if (version.notBefore() != null && now.isBefore(version.notBefore())) {
      throw new KeyOperationRefusedException(which + " is not valid before " + version.notBefore());
    }
    boolean protects = operation == SIGN || operation == ENCRYPT || operation == WRAP_KEY;
    if (protects && version.expires() != null && !now.isBefore(version.expires())) {
      throw new KeyOperationRefusedException(
          which + " expired at " + version.expires() + " and can no longer " + operation);
    }
  }
}
