package io.keyward.workflows.policy;

import static io.keyward.workflows.common.Role.CEO;
import static io.keyward.workflows.common.Role.CISO;
import static io.keyward.workflows.common.Role.CRYPTO_OFFICER;
import static io.keyward.workflows.common.Role.CTO;
import static io.keyward.workflows.common.Role.SECURITY_TEAM_LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.policy.ClassificationDecisionTree.Answers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Runbook 2.1 and 2.2 (quorums, approver roles, protection) and Appendix A. */
class PolicyMatrixTest {
  @ParameterizedTest
  @CsvSource({
    "ULTRA, 3, 5, DEDICATED_HSM",
    "SECRET, 2, 3, MANAGED_HSM",
    "CONFIDENTIAL, 1, 2, PREMIUM_KEY_VAULT_HSM",
    "RESTRICTED, 1, 3, STANDARD_KEY_VAULT",
    "PUBLIC, 1, 3, ANY",
  })
  void quorumAndProtectionFollowTheClassification(
      Classification c, int quorum, int pool, ProtectionLevel protection) {
    ClassificationPolicy policy = PolicyMatrix.policyFor(c);

    assertThat(policy.quorum()).isEqualTo(quorum);
    assertThat(policy.eligiblePool()).isEqualTo(pool);
    assertThat(policy.protection()).isEqualTo(protection);
    assertThat(policy.rationale()).startsWith(c.name());
  }

  @Test
  void ultraNeedsExecutiveApprovers() {
    assertThat(PolicyMatrix.policyFor(Classification.ULTRA).approverRoles())
        .containsExactlyInAnyOrder(CRYPTO_OFFICER, CISO, CTO, CEO);
    assertThat(PolicyMatrix.policyFor(Classification.SECRET).approverRoles())
        .containsExactlyInAnyOrder(CRYPTO_OFFICER, SECURITY_TEAM_LEAD, CISO);
  }

  @ParameterizedTest
  @EnumSource(Classification.class)
  void everyClassificationHasAPolicyAndNeverLetsRequestersApproveAlone(Classification c) {
    ClassificationPolicy policy = PolicyMatrix.policyFor(c);

    assertThat(policy).isNotNull();
    assertThat(policy.approverRoles())
        .doesNotContain(io.keyward.workflows.common.Role.APPLICATION_OWNER);
  }

  @Test
  void protectionIsSatisfiedByAnEqualOrStrongerLevel() {
    assertThat(ProtectionLevel.MANAGED_HSM.isSatisfiedBy(ProtectionLevel.DEDICATED_HSM)).isTrue();
    assertThat(ProtectionLevel.MANAGED_HSM.isSatisfiedBy(ProtectionLevel.MANAGED_HSM)).isTrue();
    assertThat(ProtectionLevel.MANAGED_HSM.isSatisfiedBy(ProtectionLevel.STANDARD_KEY_VAULT))
        .isFalse();
    assertThat(ProtectionLevel.ANY.isSatisfiedBy(ProtectionLevel.STANDARD_KEY_VAULT)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "true, true, true, true, ULTRA",
    "false, true, true, true, SECRET",
    "false, false, true, true, CONFIDENTIAL",
    "false, false, false, true, RESTRICTED",
    "false, false, false, false, PUBLIC",
  })
  void decisionTreeTakesTheFirstYes(
      boolean rootCa, boolean financial, boolean critical, boolean internal, Classification want) {
    assertThat(
            ClassificationDecisionTree.classify(new Answers(rootCa, financial, critical, internal)))
        .isEqualTo(want);
  }
}
