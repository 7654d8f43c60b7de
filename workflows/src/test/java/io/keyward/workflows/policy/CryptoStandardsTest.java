package io.keyward.workflows.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Runbook 3.1 and Appendix B, rule by rule. */
class CryptoStandardsTest {
  private static final Set<KeyOperation> SIGNING = Set.of(KeyOperation.SIGN, KeyOperation.VERIFY);
  private static final Set<KeyOperation> ENCRYPTION =
      Set.of(KeyOperation.ENCRYPT, KeyOperation.DECRYPT);

  @ParameterizedTest
  @CsvSource({
    "RSA, 2048, SECRET, ''",
    "RSA, 3072, CONFIDENTIAL, ''",
    "RSA, 4096, ULTRA, ''",
    "RSA, 1024, RESTRICTED, rsa-size",
    "RSA, 2000, PUBLIC, rsa-size",
    "RSA, 3072, ULTRA, rsa-size-ultra",
    "AES, 256, ULTRA, ''",
    "AES, 128, RESTRICTED, ''",
    "AES, 128, CONFIDENTIAL, aes-128-restricted-only",
    "AES, 128, PUBLIC, aes-128-restricted-only",
    "AES, 192, RESTRICTED, aes-size",
    "HMAC, 256, SECRET, ''",
    "HMAC, 384, ULTRA, ''",
    "HMAC, 512, SECRET, hmac-hash",
  })
  void sizesFollowTheRunbook(KeyType type, int size, Classification c, String rule) {
    Set<KeyOperation> ops = type == KeyType.AES ? ENCRYPTION : SIGNING;
    List<PolicyViolation> found =
        CryptoStandards.violations(new KeySpec(type, size, null, ops, 365, Map.of()), c);

    if (rule.isEmpty()) {
      assertThat(found).isEmpty();
    } else {
      assertThat(found).extracting(PolicyViolation::rule).containsExactly(rule);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "P_256, SECRET, ''",
    "P_384, CONFIDENTIAL, ''",
    "P_521, ULTRA, ''",
    "P_384, ULTRA, ec-curve-ultra",
    "P_256, ULTRA, ec-curve-ultra",
  })
  void curvesFollowTheRunbook(EcCurve curve, Classification c, String rule) {
    List<PolicyViolation> found =
        CryptoStandards.violations(new KeySpec(KeyType.EC, null, curve, SIGNING, 365, null), c);

    if (rule.isEmpty()) {
      assertThat(found).isEmpty();
    } else {
      assertThat(found).extracting(PolicyViolation::rule).containsExactly(rule);
    }
  }

  @Test
  void anEcKeyNeedsACurve() {
    assertThat(
            CryptoStandards.violations(
                new KeySpec(KeyType.EC, 256, null, SIGNING, 365, null), Classification.SECRET))
        .extracting(PolicyViolation::rule)
        .containsExactly("ec-curve");
  }

  @Test
  void operationsMustSuitTheAlgorithm() {
    List<PolicyViolation> found =
        CryptoStandards.violations(
            new KeySpec(KeyType.EC, null, EcCurve.P_384, ENCRYPTION, 365, null),
            Classification.SECRET);

    assertThat(found).extracting(PolicyViolation::rule).containsExactly("operation-unsupported");
    assertThat(found.get(0).message()).contains("EC keys cannot perform");
  }

  @Test
  void atLeastOneOperationIsRequired() {
    assertThat(
            CryptoStandards.violations(
                new KeySpec(KeyType.AES, 256, null, Set.of(), 365, null), Classification.SECRET))
        .extracting(PolicyViolation::rule)
        .containsExactly("operations-required");
  }

  @ParameterizedTest
  @CsvSource({"0", "-5", "5476"})
  void validityMustBeWithinFifteenYears(int days) {
    assertThat(
            CryptoStandards.violations(
                new KeySpec(KeyType.AES, 256, null, ENCRYPTION, days, null), Classification.SECRET))
        .extracting(PolicyViolation::rule)
        .containsExactly("validity-range");
  }

  @ParameterizedTest
  @EnumSource(
      value = Classification.class,
      names = {"PUBLIC", "RESTRICTED", "CONFIDENTIAL", "SECRET"})
  void aRootCaKeyBelowUltraIsRefused(Classification below) {
    KeySpec rootCa =
        new KeySpec(KeyType.EC, null, EcCurve.P_521, SIGNING, 365, Map.of("KeyUsage", "ROOT_CA"));

    assertThat(CryptoStandards.violations(rootCa, below))
        .extracting(PolicyViolation::rule)
        .contains("root-ca-ultra");
    assertThat(CryptoStandards.violations(rootCa, Classification.ULTRA)).isEmpty();
  }

  @Test
  void aCurveOnANonEcKeyIsRefused() {
    assertThat(
            CryptoStandards.violations(
                new KeySpec(KeyType.RSA, 3072, EcCurve.P_384, SIGNING, 365, null),
                Classification.SECRET))
        .extracting(PolicyViolation::rule)
        .containsExactly("curve-without-ec");
  }

  @Test
  void requireCompliantNamesEveryBrokenRule() {
    KeySpec weak = new KeySpec(KeyType.RSA, 1024, null, Set.of(), 365, null);

    assertThatThrownBy(() -> CryptoStandards.requireCompliant(weak, Classification.SECRET))
        .isInstanceOf(PolicyViolationException.class)
        .hasMessageContaining("rsa-size: RSA keys must be 2048, 3072 or 4096 bits")
        .hasMessageContaining("operations-required");
  }

  @Test
  void recommendsTheRunbooksPreferredSizes() {
    assertThat(
            CryptoStandards.recommendations(
                new KeySpec(KeyType.RSA, 2048, null, SIGNING, 365, null)))
        .containsExactly("RSA 3072-bit is recommended (runbook 3.1)");
    assertThat(
            CryptoStandards.recommendations(
                new KeySpec(KeyType.EC, null, EcCurve.P_384, SIGNING, 365, null)))
        .isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Classification.class)
  void everyClassificationAcceptsAes256(Classification c) {
    assertThat(
            CryptoStandards.violations(
                new KeySpec(KeyType.AES, 256, null, ENCRYPTION, 365, null), c))
        .isEmpty();
  }
}
