package io.keyward.ui.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.api.access.GenerationAccess;
import io.keyward.ui.generation.GenerationSteps.Action;
import io.keyward.ui.pages.Layout;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.generation.Decision;
import io.keyward.workflows.generation.DecisionType;
import io.keyward.workflows.generation.GenerationCeremony;
import io.keyward.workflows.generation.GenerationPhase;
import io.keyward.workflows.generation.GenerationRequest;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.PolicyMatrix;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which buttons and words a generation page shows to whom, from the ceremony's own state. */
class GenerationPageTest {
  private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
  private static final Actor ALICE = actor("alice", Role.APPLICATION_OWNER);
  private static final Actor OLIVIA = actor("olivia", Role.CRYPTO_OFFICER);
  private static final Actor KIM = actor("kim", Role.KEY_CUSTODIAN);
  private static final Actor BOB = actor("bob", Role.BOARD_MEMBER);
  private static final Actor AUDREY = actor("audrey", Role.SECURITY_AUDITOR);
  private static final Layout LAYOUT =
      new Layout("t", true, "x", "X", "", "csrf", List.of(), List.of(), null);

  private final GenerationCeremony ceremony = secretCeremony();

  @Test
  void offersApproveAndDenyToAnEligibleApprover() {
    GenerationPage page = page(OLIVIA);

    assertThat(page.actions())
        .extracting(Action::decision)
        .containsExactly(DecisionType.APPROVE, DecisionType.DENY);
    assertThat(page.notYours()).isNull();
    assertThat(page.approvals()).isEqualTo("0 of 2 approvals");
    assertThat(page.policy().quorum()).isEqualTo("2 of 3");
  }

  @Test
  void tellsSomeoneWithoutTheRoleWhoTheStepWaitsFor() {
    GenerationPage page = page(KIM);

    assertThat(page.actions()).isEmpty();
    assertThat(page.notYours())
        .isEqualTo(
            "This step waits for CISO, CRYPTO_OFFICER, SECURITY_TEAM_LEAD; you hold"
                + " KEY_CUSTODIAN.");
  }

  @Test
  void offersGenerateToACustodianOnceApproved() {
    ceremony.apply(new Decision(OLIVIA, DecisionType.APPROVE, null), NOW);
    ceremony.apply(
        new Decision(actor("lena", Role.SECURITY_TEAM_LEAD), DecisionType.APPROVE, null), NOW);
    ceremony.moveTo(GenerationPhase.AWAITING_GENERATION, NOW.plus(Duration.ofHours(72)));

    assertThat(page(KIM).actions())
        .extracting(Action::decision)
        .containsExactly(DecisionType.GENERATE);
    assertThat(page(OLIVIA).actions()).isEmpty();
    assertThat(page(KIM).approvers()).isEqualTo("olivia, lena");
    assertThat(page(KIM).stepDeadlineRelative()).isEqualTo("in 3 d");
  }

  @Test
  void offersNothingOnAClosedRequest() {
    ceremony.finish(GenerationPhase.DENIED, "denied by olivia");

    GenerationPage page = page(OLIVIA);

    assertThat(page.actions()).isEmpty();
    assertThat(page.notYours()).isNull();
    assertThat(page.closed()).isTrue();
    assertThat(page.outcome()).isEqualTo("denied by olivia");
  }

  @Test
  void changesItsRevisionWhenSomeoneDecides() {
    String before = GenerationPage.revision(ceremony.snapshot());

    ceremony.apply(new Decision(OLIVIA, DecisionType.APPROVE, null), NOW);

    assertThat(GenerationPage.revision(ceremony.snapshot())).isNotEqualTo(before);
  }

  @Test
  void showsTheRequestToItsRequesterDecidersAndAuditorsOnly() {
    var state = ceremony.snapshot();

    assertThat(GenerationAccess.maySee(ALICE, state)).isTrue();
    assertThat(GenerationAccess.maySee(OLIVIA, state)).isTrue();
    assertThat(GenerationAccess.maySee(KIM, state)).isTrue();
    assertThat(GenerationAccess.maySee(AUDREY, state)).isTrue();
    assertThat(GenerationAccess.maySee(BOB, state)).isFalse();
    assertThat(GenerationAccess.maySee(actor("tara", Role.TEAM_LEAD), state)).isFalse();
  }

  private GenerationPage page(Actor viewer) {
    return GenerationPage.of(LAYOUT, ceremony.snapshot(), viewer, NOW, null);
  }

  private static GenerationCeremony secretCeremony() {
    GenerationRequest request =
        new GenerationRequest(
            new KeyRef("kv-payments", "card-signing"),
            new KeySpec(
                KeyType.EC,
                null,
                EcCurve.P_384,
                Set.of(KeyOperation.SIGN, KeyOperation.VERIFY),
                null,
                null),
            Classification.SECRET,
            "card payments",
            ALICE,
            null,
            Duration.ofHours(72));
    GenerationCeremony ceremony =
        new GenerationCeremony(request, PolicyMatrix.policyFor(Classification.SECRET));
    ceremony.record(NOW, "alice", "REQUESTED", "card payments");
    ceremony.moveTo(GenerationPhase.AWAITING_APPROVAL, NOW.plus(Duration.ofHours(72)));
    return ceremony;
  }

  private static Actor actor(String id, Role role) {
    return new Actor(id, Set.of(role));
  }
}
