package io.keyward.workflows.lifecycle;

import static io.keyward.workflows.testing.People.ALICE;
import static io.keyward.workflows.testing.People.LENA;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may decide at the approval gate of a SECRET database TDE key's automatic rotation (runbook
 * 6.1, 6.2), and the words of each refusal: the rules class alone, no Temporal server.
 */
class KeyLifecycleTest {
  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(
            "a denial without a reason",
            new GateDecision(LENA, GateDecisionType.DENY, " "),
            "DENY needs a reason"),
        Arguments.of(
            "a decision without a type",
            new GateDecision(LENA, null, null),
            "a decision needs an authenticated person and a decision type"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesAtTheOpenGateInWordsForThePersonWhoTried(
      String what, GateDecision attempt, String refusal) {
    assertThat(gateOpen().refusalFor(attempt)).contains(refusal);
  }

  @Test
  void refusesADecisionWhileNoRotationWaitsForApproval() {
    KeyLifecycle lifecycle = new KeyLifecycle(input(Classification.SECRET));

    assertThat(lifecycle.refusalFor(new GateDecision(LENA, GateDecisionType.APPROVE, null)))
        .contains(
            "no rotation of kv-rules/orders-tde waits for approval: the lifecycle is STARTING");
  }

  @Test
  void saysWhenAKeysRotationsTakeNoApprovalAtAll() {
    KeyLifecycle lifecycle = new KeyLifecycle(input(Classification.CONFIDENTIAL));

    assertThat(lifecycle.refusalFor(new GateDecision(LENA, GateDecisionType.APPROVE, null)))
        .contains(
            "no rotation of kv-rules/orders-tde waits for approval: the lifecycle is STARTING"
                + " and its rotations are AUTOMATIC");
  }

  @Test
  void refusesASecondApprovalByTheSamePerson() {
    KeyLifecycle lifecycle = gateOpen();
    GateDecision approval = new GateDecision(LENA, GateDecisionType.APPROVE, null);
    assertThat(lifecycle.refusalFor(approval)).isEmpty();
    lifecycle.apply(approval);

    assertThat(lifecycle.refusalFor(approval)).contains("lena has already approved this rotation");
  }

  @Test
  void refusesSomeoneWithoutTheRoleTheGateNeeds() {
    assertThat(gateOpen().refusalFor(new GateDecision(ALICE, GateDecisionType.APPROVE, null)))
        .hasValueSatisfying(
            refusal ->
                assertThat(refusal)
                    .startsWith(
                        "alice holds none of the roles that may approve rotating a Database TDE"
                            + " key: "));
  }

  private static KeyLifecycle gateOpen() {
    KeyLifecycle lifecycle = new KeyLifecycle(input(Classification.SECRET));
    lifecycle.openGate();
    return lifecycle;
  }

  private static LifecycleInput input(Classification classification) {
    return LifecycleInput.enrol(
        new KeyRef("kv-rules", "orders-tde"), KeyUsage.DATABASE_TDE, classification, "olivia");
  }
}
