package io.keyward.workflows.breakglass;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.ProtectionLevel;
import io.keyward.workflows.register.RegisteredKey;
import io.keyward.workflows.testing.InMemoryRegister;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Runbook 8.3: the level follows the most protected key in scope, as the key register holds it; the
 * provider tags only cross-check it (the stricter counts), and a key the register does not hold
 * counts as ULTRA.
 */
class ScopeAssessmentTest {
  @Test
  void levelOneWhenNoUltraOrRootCaKeyIsInScope() {
    ScopeAssessment assessment =
        ScopeAssessment.of(
            List.of(
                version("a", Map.of("Classification", "SECRET")),
                version("b", Map.of("Classification", "RESTRICTED"))),
            List.of(
                registered("a", Classification.SECRET, KeyUsage.DATABASE_TDE),
                registered("b", Classification.RESTRICTED, KeyUsage.API_KEY)));

    assertThat(assessment.level()).isEqualTo(BreakGlassLevel.L1);
    assertThat(assessment.keys())
        .extracting(ScopedKey::classification)
        .containsExactly("SECRET", "RESTRICTED");
    assertThat(assessment.mismatches()).isEmpty();
    assertThat(assessment.soleOwner()).contains("alice");
  }

  @Test
  void aKeyTheRegisterDoesNotHoldCountsAsUltraWhateverItsTagsSay() {
    ScopeAssessment assessment =
        ScopeAssessment.of(
            List.of(version("c", Map.of("Classification", "PUBLIC"))), List.of(Optional.empty()));

    assertThat(assessment.level()).isEqualTo(BreakGlassLevel.L2);
    assertThat(assessment.reason())
        .contains("kv-scope/c is not in the key register and counts as ULTRA");
  }

  @Test
  void tagsThatDisagreeWithTheRegisterAreReportedAndTheStricterCounts() {
    ScopeAssessment lowerTag =
        ScopeAssessment.of(
            List.of(version("d", Map.of("Classification", "PUBLIC"))),
            List.of(registered("d", Classification.ULTRA, KeyUsage.APPLICATION)));
    assertThat(lowerTag.level()).isEqualTo(BreakGlassLevel.L2);
    assertThat(lowerTag.mismatches())
        .singleElement()
        .asString()
        .contains("the provider tags it PUBLIC, the key register ULTRA");

    ScopeAssessment higherTag =
        ScopeAssessment.of(
            List.of(version("e", Map.of("Classification", "ULTRA", "KeyUsage", "ROOT_CA"))),
            List.of(registered("e", Classification.SECRET, KeyUsage.APPLICATION)));
    assertThat(higherTag.level()).isEqualTo(BreakGlassLevel.L3);
    assertThat(higherTag.keys())
        .singleElement()
        .extracting(ScopedKey::classification)
        .isEqualTo("ULTRA");
    assertThat(higherTag.mismatches()).singleElement().asString().contains("stricter counts");
  }

  @Test
  void levelThreeForARootCaKeyWhateverElseIsInScope() {
    ScopeAssessment assessment =
        ScopeAssessment.of(
            List.of(
                version("a", Map.of("Classification", "ULTRA")),
                version("root", Map.of("Classification", "ULTRA", "KeyUsage", "root_ca"))),
            List.of(
                registered("a", Classification.ULTRA, KeyUsage.APPLICATION),
                registered("root", Classification.ULTRA, KeyUsage.ROOT_CA)));

    assertThat(assessment.level()).isEqualTo(BreakGlassLevel.L3);
    assertThat(assessment.reason()).startsWith("kv-scope/root is a root CA key");
    assertThat(BreakGlassLevel.L3.approvals())
        .containsExactly(io.keyward.workflows.common.Role.CEO);
  }

  private static Optional<RegisteredKey> registered(
      String name, Classification classification, KeyUsage usage) {
    return new InMemoryRegister()
        .register(new KeyRef("kv-scope", name), classification, usage, "alice")
        .find(new KeyRef("kv-scope", name));
  }

  private static KeyVersionInfo version(String name, Map<String, String> tags) {
    return new KeyVersionInfo(
        new KeyRef("kv-scope", name),
        "v1",
        KeyType.AES,
        256,
        null,
        null,
        true,
        null,
        null,
        null,
        tags,
        "test",
        ProtectionLevel.MANAGED_HSM,
        null);
  }
}
