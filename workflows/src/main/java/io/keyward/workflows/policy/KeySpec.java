package io.keyward.workflows.policy;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The parameters of a key to generate. {@code size} is the modulus for RSA, the key length for AES
 * and the hash length for HMAC (256 or 384); {@code curve} is for EC only. Whether the parameters
 * are allowed is decided by {@link CryptoStandards}, not here.
 */
public record KeySpec(
    KeyType type,
    Integer size,
    EcCurve curve,
    Set<KeyOperation> operations,
    Integer validityDays,
    Map<String, String> tags) {

  public KeySpec {
    Objects.requireNonNull(type, "type");
    operations = operations == null ? Set.of() : Set.copyOf(operations);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** Short human form, e.g. {@code RSA-3072}, {@code EC-P_384}, {@code AES-256}. */
  public String describe() {
    return type + "-" + (type == KeyType.EC ? curve : size);
  }
}
