package io.keyward.activities.hsm;

import static io.keyward.workflows.policy.KeyOperation.DECRYPT;
import static io.keyward.workflows.policy.KeyOperation.ENCRYPT;
import static io.keyward.workflows.policy.KeyOperation.SIGN;
import static io.keyward.workflows.policy.KeyOperation.VERIFY;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.ProtectionLevel;
import java.util.Map;
import java.util.Set;

/** Create commands for tests: enabled keys with the runbook's tags. */
final class Commands {
  static final Map<String, String> TAGS =
      Map.of(
          "Classification", "CONFIDENTIAL", "Owner", "payments-team", "Purpose", "data-encryption");

  private Commands() {}

  static KeySpec rsa(int size) {
    return new KeySpec(
        KeyType.RSA, size, null, Set.of(SIGN, VERIFY, ENCRYPT, DECRYPT), 365, Map.of());
  }

  static KeySpec ec(EcCurve curve) {
    return new KeySpec(KeyType.EC, null, curve, Set.of(SIGN, VERIFY), 365, Map.of());
  }

  static KeySpec aes(int size) {
    return new KeySpec(KeyType.AES, size, null, Set.of(ENCRYPT, DECRYPT), 365, Map.of());
  }

  static KeySpec hmac(int size) {
    return new KeySpec(KeyType.HMAC, size, null, Set.of(SIGN, VERIFY), 365, Map.of());
  }

  static CreateKeyCommand create(KeyRef key, KeySpec spec, String idempotencyKey) {
    return create(key, spec, ProtectionLevel.STANDARD_KEY_VAULT, idempotencyKey);
  }

  static CreateKeyCommand create(
      KeyRef key, KeySpec spec, ProtectionLevel protection, String idempotencyKey) {
    return new CreateKeyCommand(
        key,
        spec,
        protection,
        new KeyAttributes(spec.operations(), null, null, true, TAGS),
        idempotencyKey);
  }

  static CreateKeyCommand createWithOperations(
      KeyRef key, KeySpec spec, Set<KeyOperation> operations, String idempotencyKey) {
    return new CreateKeyCommand(
        key,
        spec,
        ProtectionLevel.STANDARD_KEY_VAULT,
        new KeyAttributes(operations, null, null, true, TAGS),
        idempotencyKey);
  }
}
