package io.keyward.workflows.hsm;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.ProtectionLevel;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Everything public about one key version: never key material. {@code publicKeyFingerprint} is the
 * SHA-256 of the encoded public key for asymmetric keys and null for symmetric ones.
 */
public record KeyVersionInfo(
    KeyRef key,
    String version,
    KeyType type,
    Integer size,
    EcCurve curve,
    Set<KeyOperation> operations,
    boolean enabled,
    Instant created,
    Instant notBefore,
    Instant expires,
    Map<String, String> tags,
    String provider,
    ProtectionLevel protection,
    String publicKeyFingerprint) {
  public KeyVersionInfo {
    operations = operations == null ? Set.of() : Set.copyOf(operations);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }
}
