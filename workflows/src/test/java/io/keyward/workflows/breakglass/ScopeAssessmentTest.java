package io.keyward.workflows.breakglass;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.ProtectionLevel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runbook 8.3: the level follows the most protected key in scope. */
class ScopeAssessmentTest {
  @Test
  void levelOneWhenNoUltraOrRootCaKeyIsInScope() {
    ScopeAssessment assessment =
        ScopeAssessment.of(
            List.of(
                version("a", Map.of("Classification", "SECRET")),
                version("b", Map.of("Classification", "RESTRICTED"))));

    assertThat(assessment.level()).isEqualTo(BreakGlassLevel.L1);
    assertThat(assessment.keys())
        .extracting(ScopedKey::classification)
        .containsExactly("SECRET", "RESTRICTED");
  }

  @Test
  void levelTwoForAnUltraKeyOrAKeyOfUnknownClassification() {
    assertThat(
            ScopeAssessment.of(
                    List.of(
                        version("a", Map.of("Classification", "SECRET")),
                        version("b", Map.of("Classification", "ULTRA"))))
                .level())
        .isEqualTo(BreakGlassLevel.L2);
    assertThat(ScopeAssessment.of(List.of(version("c", Map.of()))).level())
        .isEqualTo(BreakGlassLevel.L2);
    assertThat(ScopeAssessment.of(List.of(version("d", Map.of("Classification", "TOP")))).reason())
        .contains("kv-scope/d has no known classification and counts as ULTRA");
  }

  @Test
  void levelThreeForARootCaKeyWhateverElseIsInScope() {
    ScopeAssessment assessment =
        ScopeAssessment.of(
            List.of(
                version("a", Map.of("Classification", "ULTRA")),
                version("root", Map.of("Classification", "ULTRA", "KeyUsage", "root_ca"))));

    assertThat(assessment.level()).isEqualTo(BreakGlassLevel.L3);
    assertThat(assessment.reason()).startsWith("kv-scope/root is a root CA key");
    assertThat(BreakGlassLevel.L3.approvals())
        .containsExactly(io.keyward.workflows.common.Role.CEO);
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
