package io.keyward.workflows.policy;

import static io.keyward.workflows.policy.KeyOperation.DECRYPT;
import static io.keyward.workflows.policy.KeyOperation.ENCRYPT;
import static io.keyward.workflows.policy.KeyOperation.SIGN;
import static io.keyward.workflows.policy.KeyOperation.UNWRAP_KEY;
import static io.keyward.workflows.policy.KeyOperation.VERIFY;
import static io.keyward.workflows.policy.KeyOperation.WRAP_KEY;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cryptographic standards of runbook 3.1 and Appendix B: which algorithms, sizes and curves a
 * key of a classification may use, and which operations each algorithm can perform.
 */
public final class CryptoStandards {
  /** Longest validity any key may ask for: root CA keys rotate every 10-15 years (runbook 6.1). */
  public static final int MAX_VALIDITY_DAYS = 15 * 365;

  public static final int DEFAULT_VALIDITY_DAYS = 365;

  private static final Set<Integer> RSA_SIZES = Set.of(2048, 3072, 4096);
  private static final Map<KeyType, Set<KeyOperation>> OPERATIONS =
      Map.of(
          KeyType.RSA, EnumSet.allOf(KeyOperation.class),
          KeyType.EC, EnumSet.of(SIGN, VERIFY),
          KeyType.AES, EnumSet.of(ENCRYPT, DECRYPT, WRAP_KEY, UNWRAP_KEY),
          KeyType.HMAC, EnumSet.of(SIGN, VERIFY));

  private CryptoStandards() {}

  /** Every rule the spec breaks for the classification; empty when it complies. */
  public static List<PolicyViolation> violations(KeySpec spec, Classification classification) {
    List<PolicyViolation> found = new ArrayList<>();
    switch (spec.type()) {
      case RSA -> checkRsa(spec, classification, found);
      case EC -> checkEc(spec, classification, found);
      case AES -> checkAes(spec, classification, found);
      case HMAC -> checkHmac(spec, found);
    }
    if (spec.type() != KeyType.EC && spec.curve() != null) {
      found.add(new PolicyViolation("curve-without-ec", "a curve applies to EC keys only"));
    }
    if (spec.operations().isEmpty()) {
      found.add(new PolicyViolation("operations-required", "name at least one key operation"));
    }
    Set<KeyOperation> unsupported = EnumSet.noneOf(KeyOperation.class);
    spec.operations().stream()
        .filter(op -> !OPERATIONS.get(spec.type()).contains(op))
        .forEach(unsupported::add);
    if (!unsupported.isEmpty()) {
      found.add(
          new PolicyViolation(
              "operation-unsupported",
              spec.type()
                  + " keys cannot perform "
                  + unsupported
                  + "; allowed: "
                  + OPERATIONS.get(spec.type())));
    }
    KeyUsage usage = KeyUsage.fromTag(spec.tags().get(KeyUsage.TAG), null);
    if (usage != null) {
      usage.violationAt(classification).ifPresent(found::add);
    }
    Integer validity = spec.validityDays();
    if (validity != null && (validity < 1 || validity > MAX_VALIDITY_DAYS)) {
      found.add(
          new PolicyViolation(
              "validity-range",
              "validityDays must be between 1 and " + MAX_VALIDITY_DAYS + ", was " + validity));
    }
    return List.copyOf(found);
  }

  /** Throws {@link PolicyViolationException} naming every broken rule. */
  public static void requireCompliant(KeySpec spec, Classification classification) {
    List<PolicyViolation> found = violations(spec, classification);
    if (!found.isEmpty()) {
      throw new PolicyViolationException(found);
    }
  }

  /** Advice that is not a violation: the runbook's recommended sizes (runbook 3.1). */
  public static List<String> recommendations(KeySpec spec) {
    if (spec.type() == KeyType.RSA && spec.size() != null && spec.size() < 3072) {
      return List.of("RSA 3072-bit is recommended (runbook 3.1)");
    }
    if (spec.type() == KeyType.EC && spec.curve() == EcCurve.P_256) {
      return List.of("P-384 is recommended (runbook 3.1)");
    }
    return List.of();
  }

  private static void checkRsa(KeySpec spec, Classification c, List<PolicyViolation> found) {
    Integer size = spec.size();
    if (size == null || !RSA_SIZES.contains(size)) {
      found.add(
          new PolicyViolation(
              "rsa-size", "RSA keys must be 2048, 3072 or 4096 bits (runbook 3.1), was " + size));
    } else if (c == Classification.ULTRA && size < 4096) {
      found.add(
          new PolicyViolation(
              "rsa-size-ultra", "ULTRA RSA keys must be 4096 bits (runbook 3.1), was " + size));
    }
  }

  private static void checkEc(KeySpec spec, Classification c, List<PolicyViolation> found) {
    if (spec.curve() == null) {
      found.add(new PolicyViolation("ec-curve", "EC keys need a curve: P_256, P_384 or P_521"));
    } else if (c == Classification.ULTRA && spec.curve() != EcCurve.P_521) {
      found.add(
          new PolicyViolation(
              "ec-curve-ultra", "ULTRA EC keys must use P-521 (runbook 3.1), was " + spec.curve()));
    }
    if (spec.size() != null && spec.curve() != null && spec.size() != spec.curve().bits()) {
      found.add(
          new PolicyViolation(
              "ec-size", "size " + spec.size() + " does not match curve " + spec.curve()));
    }
  }

  private static void checkAes(KeySpec spec, Classification c, List<PolicyViolation> found) {
    Integer size = spec.size();
    if (size != null && size == 128) {
      if (c != Classification.RESTRICTED) {
        found.add(
            new PolicyViolation(
                "aes-128-restricted-only",
                "AES-128 is acceptable for RESTRICTED only (runbook 3.1); use AES-256 for " + c));
      }
    } else if (size == null || size != 256) {
      found.add(
          new PolicyViolation("aes-size", "AES keys must be 256 bits (runbook 3.1), was " + size));
    }
  }

  private static void checkHmac(KeySpec spec, List<PolicyViolation> found) {
    Integer size = spec.size();
    if (size == null || (size != 256 && size != 384)) {
      found.add(
          new PolicyViolation(
              "hmac-hash",
              "HMAC keys use SHA-256 or SHA-384 (Appendix B): size 256 or 384, was " + size));
    }
  }
}
