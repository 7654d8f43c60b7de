package io.keyward.workflows.generation;

import static io.keyward.workflows.testing.People.ALICE;
import static io.keyward.workflows.testing.People.DANA;
import static io.keyward.workflows.testing.People.KAI;
import static io.keyward.workflows.testing.People.KIM;
import static io.keyward.workflows.testing.People.LENA;
import static io.keyward.workflows.testing.People.OLIVIA;
import static io.keyward.workflows.testing.People.SAM;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.PolicyMatrix;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may take which decision in a SECRET generation ceremony (runbook 3.3, 4.2), and the words of
 * each refusal: the rules class alone, with no Temporal server. Each row brings the ceremony to a
 * step with decisions that were accepted, then tries one more.
 */
class GenerationCeremonyTest {
  private static final Instant AT = Instant.parse("2027-01-04T09:00:00Z");

  static Stream<Arguments> refusals() {
    return Stream.of(
        row(
            "the requester approving",
            List.of(),
            approve(ALICE),
            "alice requested this key and cannot decide on it (runbook 3.3: two-person"
                + " integrity)"),
        row(
            "a custodian approving",
            List.of(),
            approve(KIM),
            "kim holds none of the roles eligible to approve a SECRET key: [CRYPTO_OFFICER,"
                + " SECURITY_TEAM_LEAD, CISO]"),
        row(
            "a second vote",
            List.of(approve(OLIVIA)),
            approve(OLIVIA),
            "olivia has already approved this request"),
        row(
            "a denial without a reason",
            List.of(),
            new Decision(OLIVIA, DecisionType.DENY, " "),
            "DENY needs a reason"),
        row(
            "generating before the quorum",
            List.of(approve(OLIVIA)),
            decide(KIM, DecisionType.GENERATE),
            "GENERATE is not the open step: the request is AWAITING_APPROVAL, waiting for"
                + " [APPROVE, DENY]"),
        row(
            "an officer generating",
            approved(),
            decide(OLIVIA, DecisionType.GENERATE),
            "olivia is not a key custodian"),
        row(
            "an approver generating",
            List.of(approve(DANA), approve(LENA)),
            decide(DANA, DecisionType.GENERATE),
            "dana approved this request and cannot also act as key custodian"),
        row(
            "custodian 1 verifying",
            generated(),
            decide(KIM, DecisionType.VERIFY),
            "kim generated the key as custodian 1; custodian 2 must be a different person"),
        row(
            "a rejection without a reason",
            generated(),
            new Decision(KAI, DecisionType.REJECT, null),
            "REJECT needs a reason"),
        row(
            "a custodian registering",
            verified(),
            decide(KIM, DecisionType.REGISTER),
            "kim holds none of the security roles that validate compliance:"
                + " [SECURITY_ENGINEER, SECURITY_TEAM_LEAD]"),
        row(
            "an approver registering",
            verified(),
            decide(LENA, DecisionType.REGISTER),
            "lena already took part in this ceremony; security validation needs someone"
                + " independent"),
        row(
            "a decision without a type",
            List.of(),
            new Decision(OLIVIA, null, null),
            "a decision needs an authenticated person and a decision type"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesInWordsForThePersonWhoTried(
      String what, List<Decision> before, Decision attempt, String refusal) {
    GenerationCeremony ceremony = ceremonyAfter(before);

    assertThat(ceremony.refusalFor(attempt)).contains(refusal);
  }

  static Stream<Arguments> allowed() {
    return Stream.of(
        row("an officer approving", List.of(), approve(OLIVIA), null),
        row(
            "the security team lead denying with a reason",
            List.of(),
            new Decision(LENA, DecisionType.DENY, "not needed"),
            null),
        row("a custodian generating", approved(), decide(KIM, DecisionType.GENERATE), null),
        row("another custodian verifying", generated(), decide(KAI, DecisionType.VERIFY), null),
        row(
            "an independent engineer registering",
            verified(),
            decide(SAM, DecisionType.REGISTER),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allowed")
  void letsTheRightPersonTakeTheOpenStep(
      String what, List<Decision> before, Decision attempt, String none) {
    assertThat(ceremonyAfter(before).refusalFor(attempt)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allowed")
  void refusesEveryDecisionOnceTheRequestIsClosed(
      String what, List<Decision> before, Decision attempt, String none) {
    GenerationCeremony ceremony = ceremonyAfter(before);
    ceremony.finish(GenerationPhase.DENIED, "denied by lena");

    assertThat(ceremony.refusalFor(attempt))
        .contains("this request is closed (DENIED); no decision can be taken");
  }

  /** A SECRET ceremony of alice's after {@code decisions}, moved on as the workflow moves it. */
  private static GenerationCeremony ceremonyAfter(List<Decision> decisions) {
    GenerationCeremony ceremony =
        new GenerationCeremony(
            new GenerationRequest(
                new KeyRef("kv-rules", "payments"),
                new KeySpec(KeyType.EC, null, null, Set.of(KeyOperation.SIGN), null, null),
                Classification.SECRET,
                "payments signing",
                ALICE,
                null,
                null),
            PolicyMatrix.policyFor(Classification.SECRET));
    for (Decision decision : decisions) {
      assertThat(ceremony.refusalFor(decision)).as("setting up: %s", decision).isEmpty();
      ceremony.apply(decision, AT);
      if (ceremony.quorumReached() && ceremony.phase() == GenerationPhase.AWAITING_APPROVAL) {
        ceremony.moveTo(GenerationPhase.AWAITING_GENERATION, null);
      } else if (decision.type() == DecisionType.GENERATE) {
        ceremony.moveTo(GenerationPhase.AWAITING_VERIFICATION, null);
      } else if (decision.type() == DecisionType.VERIFY) {
        ceremony.moveTo(GenerationPhase.AWAITING_REGISTRATION, null);
      }
    }
    return ceremony;
  }

  private static List<Decision> approved() {
    return List.of(approve(OLIVIA), approve(LENA));
  }

  private static List<Decision> generated() {
    return List.of(approve(OLIVIA), approve(LENA), decide(KIM, DecisionType.GENERATE));
  }

  private static List<Decision> verified() {
    return List.of(
        approve(OLIVIA),
        approve(LENA),
        decide(KIM, DecisionType.GENERATE),
        decide(KAI, DecisionType.VERIFY));
  }

  private static Decision approve(Actor who) {
    return decide(who, DecisionType.APPROVE);
  }

  private static Decision decide(Actor who, DecisionType type) {
    return new Decision(who, type, null);
  }

  private static Arguments row(
      String what, List<Decision> before, Decision attempt, String refusal) {
    return Arguments.of(what, before, attempt, refusal);
  }
}
