package io.keyward.workflows.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.common.Role;
import java.time.Period;
import org.junit.jupiter.api.Test;

/** Runbook 6.1's rotation schedule matrix and 2.2's rotation rule per classification. */
class RotationMatrixTest {
  @Test
  void rotationApprovalsAreTheStricterOfTheUsageAndTheClassificationRule() {
    assertThat(RotationMatrix.ruleFor(KeyUsage.APPLICATION, Classification.ULTRA).approvals())
        .extracting(ApprovalSlot::name)
        .containsExactly("second crypto officer or key custodian", "executive");
    assertThat(RotationMatrix.ruleFor(KeyUsage.ROOT_CA, Classification.ULTRA).approvals())
        .as("a root CA key's executive already is the ULTRA executive")
        .extracting(ApprovalSlot::name)
        .containsExactly("executive", "board");
    assertThat(RotationMatrix.ruleFor(KeyUsage.DATABASE_TDE, Classification.SECRET))
        .isEqualTo(RotationMatrix.ruleFor(KeyUsage.DATABASE_TDE));
  }

  @Test
  void intervalsFollowTheScheduleMatrix() {
    assertThat(RotationMatrix.ruleFor(KeyUsage.ROOT_CA).interval()).isEqualTo(Period.ofYears(10));
    assertThat(RotationMatrix.ruleFor(KeyUsage.INTERMEDIATE_CA).interval())
        .isEqualTo(Period.ofYears(3));
    assertThat(RotationMatrix.ruleFor(KeyUsage.TLS_CERTIFICATE).interval())
        .isEqualTo(Period.ofMonths(13));
    assertThat(RotationMatrix.ruleFor(KeyUsage.DATABASE_TDE).interval())
        .isEqualTo(Period.ofYears(2));
    assertThat(RotationMatrix.ruleFor(KeyUsage.APPLICATION).interval())
        .isEqualTo(Period.ofYears(1));
    assertThat(RotationMatrix.ruleFor(KeyUsage.API_KEY).interval()).isEqualTo(Period.ofMonths(6));
    assertThat(RotationMatrix.ruleFor(KeyUsage.SERVICE_TOKEN).interval())
        .isEqualTo(Period.ofDays(90));
  }

  @Test
  void rootCaRotationNeedsAnExecutiveAndABoardMember() {
    RotationRule root = RotationMatrix.ruleFor(KeyUsage.ROOT_CA);

    assertThat(root.approvals())
        .extracting(ApprovalSlot::name)
        .containsExactly("executive", "board");
    assertThat(root.approvals().get(1).roles()).containsExactly(Role.BOARD_MEMBER);
    assertThat(RotationMatrix.ruleFor(KeyUsage.TLS_CERTIFICATE).approvals())
        .singleElement()
        .satisfies(slot -> assertThat(slot.roles()).containsExactly(Role.TEAM_LEAD));
  }

  @Test
  void theModeFollowsTheMethodAndTheClassification() {
    assertThat(RotationMatrix.modeFor(KeyUsage.APPLICATION, Classification.CONFIDENTIAL))
        .isEqualTo(RotationMode.AUTOMATIC);
    assertThat(RotationMatrix.modeFor(KeyUsage.DATABASE_TDE, Classification.SECRET))
        .isEqualTo(RotationMode.APPROVAL_GATE);
    assertThat(RotationMatrix.modeFor(KeyUsage.APPLICATION, Classification.ULTRA))
        .isEqualTo(RotationMode.MANUAL);
    assertThat(RotationMatrix.modeFor(KeyUsage.INTERMEDIATE_CA, Classification.CONFIDENTIAL))
        .as("the usage's method is manual")
        .isEqualTo(RotationMode.MANUAL);
  }

  @Test
  void anUnknownUsageTagFallsBackToTheDefault() {
    assertThat(KeyUsage.fromTag(" database_tde ", KeyUsage.APPLICATION))
        .isEqualTo(KeyUsage.DATABASE_TDE);
    assertThat(KeyUsage.fromTag("mystery", RotationMatrix.DEFAULT_USAGE))
        .isEqualTo(KeyUsage.APPLICATION);
    assertThat(RotationMatrix.DEFAULT_EXPIRY).isEqualTo(Period.ofYears(1));
  }
}
