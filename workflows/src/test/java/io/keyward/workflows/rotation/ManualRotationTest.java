package io.keyward.workflows.rotation;

import static io.keyward.workflows.testing.People.ALICE;
import static io.keyward.workflows.testing.People.KIM;
import static io.keyward.workflows.testing.People.LENA;
import static io.keyward.workflows.testing.People.OLIVIA;
import static io.keyward.workflows.testing.People.SAM;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.register.KeyOwner;
import io.keyward.workflows.register.KeyPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may decide, reschedule and cancel at each step of a manual rotation of a database TDE key
 * (runbook 6.3, 4.2), and the words of each refusal: the rules class alone, no Temporal server.
 */
class ManualRotationTest {
  private static final Instant NOW = Instant.parse("2027-01-04T09:00:00Z");
  private static final Instant T = NOW.plus(Duration.ofDays(40));

  static Stream<Arguments> refusals() {
    return Stream.of(
        row(
            "reviewing before the review is due",
            RotationPhase.SCHEDULED,
            r -> r.refusalFor(decide(SAM, RotationDecisionType.APPROVE_REVIEW)),
            "APPROVE_REVIEW is not the open step: the rotation is SCHEDULED, waiting for []"),
        row(
            "the requester reviewing",
            RotationPhase.AWAITING_SECURITY_REVIEW,
            r -> r.refusalFor(decide(ALICE, RotationDecisionType.APPROVE_REVIEW)),
            "alice requested this rotation and cannot review it (runbook 6.3: the security team"
                + " reviews)"),
        row(
            "a custodian reviewing",
            RotationPhase.AWAITING_SECURITY_REVIEW,
            r -> r.refusalFor(decide(KIM, RotationDecisionType.APPROVE_REVIEW)),
            "kim holds none of the security team roles that review a rotation:"
                + " [SECURITY_ENGINEER, SECURITY_TEAM_LEAD]"),
        row(
            "a review rejected without a reason",
            RotationPhase.AWAITING_SECURITY_REVIEW,
            r -> r.refusalFor(decide(SAM, RotationDecisionType.REJECT_REVIEW)),
            "REJECT_REVIEW needs a reason"),
        row(
            "the requester approving",
            RotationPhase.AWAITING_APPROVAL,
            r -> r.refusalFor(decide(ALICE, RotationDecisionType.APPROVE)),
            "alice requested this rotation and cannot approve it (runbook 6.3: dual control)"),
        row(
            "a denial without a reason",
            RotationPhase.AWAITING_APPROVAL,
            r -> r.refusalFor(decide(LENA, RotationDecisionType.DENY)),
            "DENY needs a reason"),
        row(
            "executing before the approval",
            RotationPhase.AWAITING_APPROVAL,
            r -> r.refusalFor(decide(KIM, RotationDecisionType.EXECUTE)),
            "EXECUTE is not the open step: the rotation is AWAITING_APPROVAL, waiting for"
                + " [APPROVE, DENY]"),
        row(
            "cancelling by someone with no say",
            RotationPhase.SCHEDULED,
            r -> r.refusalFor(new Cancellation(LENA, "no longer needed")),
            "lena may not cancel this rotation: only its requester or one of [CRYPTO_OFFICER,"
                + " KEY_CUSTODIAN] may"),
        row(
            "cancelling without a reason",
            RotationPhase.SCHEDULED,
            r -> r.refusalFor(new Cancellation(ALICE, " ")),
            "a cancellation needs a reason"),
        row(
            "rescheduling to the past",
            RotationPhase.SCHEDULED,
            r -> r.refusalFor(new Reschedule(OLIVIA, NOW.minusSeconds(1), "earlier"), NOW),
            "the new rotation date 2027-01-04T08:59:59Z is not in the future (now"
                + " 2027-01-04T09:00:00Z)"),
        row(
            "rescheduling to the date already planned",
            RotationPhase.SCHEDULED,
            r -> r.refusalFor(new Reschedule(ALICE, T, "same"), NOW),
            "the rotation is already planned for " + T),
        row(
            "rescheduling after execution",
            RotationPhase.AWAITING_MONITORING_REVIEW,
            r -> r.refusalFor(new Reschedule(ALICE, T.plusSeconds(60), "later"), NOW),
            "the rotation is AWAITING_MONITORING_REVIEW: once executed it can no longer be"
                + " rescheduled"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesInWordsForThePersonWhoTried(
      String what,
      RotationPhase phase,
      Function<ManualRotation, Optional<String>> attempt,
      String refusal) {
    assertThat(attempt.apply(rotationIn(phase))).contains(refusal);
  }

  static Stream<Arguments> allowed() {
    return Stream.of(
        row(
            "the security engineer reviewing",
            RotationPhase.AWAITING_SECURITY_REVIEW,
            r -> r.refusalFor(decide(SAM, RotationDecisionType.APPROVE_REVIEW)),
            null),
        row(
            "the security team lead approving",
            RotationPhase.AWAITING_APPROVAL,
            r -> r.refusalFor(decide(LENA, RotationDecisionType.APPROVE)),
            null),
        row(
            "the requester cancelling with a reason",
            RotationPhase.SCHEDULED,
            r -> r.refusalFor(new Cancellation(ALICE, "the service is retired")),
            null),
        row(
            "an officer rescheduling with a reason",
            RotationPhase.SCHEDULED,
            r -> r.refusalFor(new Reschedule(OLIVIA, T.plusSeconds(3600), "freeze"), NOW),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allowed")
  void letsTheRightPersonAct(
      String what,
      RotationPhase phase,
      Function<ManualRotation, Optional<String>> attempt,
      String none) {
    assertThat(attempt.apply(rotationIn(phase))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allowed")
  void refusesAnythingOnceTheRotationIsCancelled(
      String what,
      RotationPhase phase,
      Function<ManualRotation, Optional<String>> attempt,
      String none) {
    ManualRotation rotation = rotationIn(phase);
    rotation.finish(RotationPhase.CANCELLED, "cancelled by alice");

    assertThat(attempt.apply(rotation))
        .hasValueSatisfying(
            refusal -> assertThat(refusal).startsWith("this rotation is closed (CANCELLED)"));
  }

  @Test
  void refusesASecondApprovalByTheSamePerson() {
    ManualRotation rotation = rotationIn(RotationPhase.AWAITING_APPROVAL);
    rotation.apply(decide(LENA, RotationDecisionType.APPROVE), NOW);

    assertThat(rotation.refusalFor(decide(LENA, RotationDecisionType.APPROVE)))
        .contains("lena has already approved this rotation");
  }

  /**
   * Alice's rotation of a SECRET database TDE key at T, its facts read from the key register, at
   * {@code phase} as the workflow moves it.
   */
  private static ManualRotation rotationIn(RotationPhase phase) {
    KeyRef key = new KeyRef("kv-rules", "orders-tde");
    ManualRotation rotation =
        new ManualRotation(new RotationRequest(key, T, "yearly rotation", ALICE, null, null));
    rotation.facts(
        new KeyPolicy(
            key,
            Classification.SECRET,
            KeyUsage.DATABASE_TDE,
            new KeyOwner(null, "alice"),
            true,
            null));
    rotation.moveTo(phase, null);
    return rotation;
  }

  private static RotationDecision decide(Actor who, RotationDecisionType type) {
    return new RotationDecision(who, type, null);
  }

  private static Arguments row(
      String what,
      RotationPhase phase,
      Function<ManualRotation, Optional<String>> attempt,
      String refusal) {
    return Arguments.of(what, phase, attempt, refusal);
  }
}
