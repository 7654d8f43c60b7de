package io.keyward.api.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.WaitingStep;
import io.keyward.workflows.generation.GenerationPhase;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whom an open generation step waits on, as the inbox decides it from the published step. */
class GenerationAccessTest {
  private static final Instant DUE = Instant.parse("2026-12-07T10:00:00Z");
  private static final WaitingStep ONE_APPROVAL =
      new WaitingStep("alice", List.of("olivia"), DUE.minusSeconds(3600), DUE);
  private static final Set<Role> APPROVERS =
      Set.of(Role.CISO, Role.CRYPTO_OFFICER, Role.SECURITY_TEAM_LEAD);

  @ParameterizedTest(name = "{0} holding {1} at {2}: {3}")
  @CsvSource({
    "lena, SECURITY_TEAM_LEAD, AWAITING_APPROVAL, true",
    "olivia, CRYPTO_OFFICER, AWAITING_APPROVAL, false",
    "oscar, CRYPTO_OFFICER, AWAITING_APPROVAL, true",
    "alice, CRYPTO_OFFICER, AWAITING_APPROVAL, true",
    "kim, KEY_CUSTODIAN, AWAITING_APPROVAL, false",
    "lena, SECURITY_TEAM_LEAD, DENIED, false"
  })
  void waitsOnAHolderOfAnAwaitedRoleWhoHasNotTakenPart(
      String person, Role role, GenerationPhase phase, boolean waits) {
    Actor who = new Actor(person, Set.of(role));

    assertThat(GenerationAccess.waitsOn(who, phase, APPROVERS, ONE_APPROVAL)).isEqualTo(waits);
  }
}
