package io.keyward.activities.hsm.conformance;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Key specs and create commands for provider tests: enabled keys with the runbook 3.2 tags. */
public final class Specs {
  public static final Map<String, String> TAGS =
      Map.of(
          "Classification", "SECRET",
          "Owner", "payments-team",
          "Environment", "production",
          "Purpose", "data-encryption",
          "Compliance", "iso27001,soc2");

  private Specs() {}

  public static KeySpec rsa(int size) {
    return new KeySpec(
        KeyType.RSA, size, null, Set.of(SIGN, VERIFY, ENCRYPT, DECRYPT), 365, Map.of());
  }

  public static KeySpec ec(EcCurve curve) {
    return new KeySpec(KeyType.EC, null, curve, Set.of(SIGN, VERIFY), 365, Map.of());
  }

  public static KeySpec aes(int size) {
    return new KeySpec(KeyType.AES, size, null, Set.of(ENCRYPT, DECRYPT), 365, Map.of());
  }

  public static KeySpec hmac(int size) {
    return new KeySpec(KeyType.HMAC, size, null, Set.of(SIGN, VERIFY), 365, Map.of());
  }

  /** Every spec Keyward creates (runbook Appendix B). */
  public static List<KeySpec> all() {
    return List.of(
        rsa(2048),
        rsa(3072),
        rsa(4096),
        ec(EcCurve.P_256),
        ec(EcCurve.P_384),
        ec(EcCurve.P_521),
        aes(128),
        aes(256),
        hmac(256),
        hmac(384));
  }

  /** Specs no provider creates: sizes outside Appendix B, or inconsistent parameters. */
  public static List<KeySpec> outsideTheRunbook() {
    return List.of(
        rsa(1024),
        aes(192),
        hmac(512),
        new KeySpec(KeyType.EC, 256, EcCurve.P_384, Set.of(SIGN, VERIFY), 365, Map.of()),
        new KeySpec(KeyType.EC, null, null, Set.of(SIGN, VERIFY), 365, Map.of()));
  }

  public static CreateKeyCommand create(
      KeyRef key, KeySpec spec, ProtectionLevel protection, String idempotencyKey) {
    return withOperations(key, spec, protection, spec.operations(), idempotencyKey);
  }

  public static CreateKeyCommand withOperations(
      KeyRef key,
      KeySpec spec,
      ProtectionLevel protection,
      Set<KeyOperation> operations,
      String idempotencyKey) {
    return new CreateKeyCommand(
        key,
        spec,
        protection,
        new KeyAttributes(operations, null, null, true, TAGS),
        idempotencyKey);
  }

  public static CreateKeyCommand withValidity(
      KeyRef key,
      KeySpec spec,
      ProtectionLevel protection,
      Instant notBefore,
      Instant expires,
      boolean enabled,
      String idempotencyKey) {
    return new CreateKeyCommand(
        key,
        spec,
        protection,
        new KeyAttributes(spec.operations(), notBefore, expires, enabled, TAGS),
        idempotencyKey);
  }
}
