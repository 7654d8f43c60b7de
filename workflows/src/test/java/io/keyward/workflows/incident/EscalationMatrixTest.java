package io.keyward.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.common.Role;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runbook 17.2, row by row. */
class EscalationMatrixTest {
  @Test
  void matchesTheRunbooksEscalationMatrix() {
    assertRule(Severity.P1, "Security Operations", Duration.ofMinutes(15), "CISO + CTO");
    assertThat(EscalationMatrix.ruleFor(Severity.P1).escalationRoles())
        .containsExactlyInAnyOrder(Role.CISO, Role.CTO);
    assertRule(
        Severity.P2, "Key Custodian Team", Duration.ofHours(1), "Security Operations Manager");
    assertThat(EscalationMatrix.ruleFor(Severity.P2).escalationRoles())
        .containsExactly(Role.SECURITY_OPERATIONS);
    assertRule(Severity.P3, "Application Team", Duration.ofHours(4), "Security Team Lead");
    assertThat(EscalationMatrix.ruleFor(Severity.P3).escalationRoles())
        .containsExactly(Role.SECURITY_TEAM_LEAD);
    assertRule(Severity.P4, "Service Owner", Duration.ofHours(24), "Team Manager");
    assertThat(EscalationMatrix.ruleFor(Severity.P4).escalationRoles())
        .containsExactly(Role.TEAM_LEAD);
  }

  @Test
  void letsFirstRespondersTargetsAndTheSecurityTeamAcknowledge() {
    assertThat(EscalationMatrix.acknowledgers(Severity.P2))
        .contains(Role.KEY_CUSTODIAN, Role.SECURITY_OPERATIONS, Role.CISO)
        .doesNotContain(Role.APPLICATION_OWNER, Role.CEO);
    assertThat(EscalationMatrix.acknowledgers(Severity.P4))
        .contains(Role.APPLICATION_OWNER, Role.TEAM_LEAD);
  }

  private static void assertRule(Severity s, String initial, Duration after, String target) {
    EscalationRule rule = EscalationMatrix.ruleFor(s);
    assertThat(rule.initialResponse()).isEqualTo(initial);
    assertThat(rule.escalateAfter()).isEqualTo(after);
    assertThat(rule.escalationTarget()).isEqualTo(target);
  }
}
