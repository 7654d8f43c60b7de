package io.keyward.workflows.webauthn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A decision's challenge names exactly one decision: every field counts, boundaries too. */
class DecisionChallengeTest {
  private static final String WF = "keygen/kv-ultra-prod/root-ca";
  private static final String RUN = "7c0e-run";
  private static final String STEP = DecisionChallenge.step("APPROVE", "AWAITING_APPROVAL");

  @Test
  void isTheSameForTheSameDecisionAndDiffersWhenAnyFieldDoes() {
    String challenge = DecisionChallenge.of(WF, RUN, STEP, "ok", "n1");

    assertThat(DecisionChallenge.of(WF, RUN, STEP, "ok", "n1")).isEqualTo(challenge);
    List<String> others =
        List.of(
            DecisionChallenge.of("keygen/kv-ultra-prod/other", RUN, STEP, "ok", "n1"),
            DecisionChallenge.of(WF, "another-run", STEP, "ok", "n1"),
            DecisionChallenge.of(WF, RUN, "DENY@AWAITING_APPROVAL", "ok", "n1"),
            DecisionChallenge.of(WF, RUN, "APPROVE@AWAITING_GENERATION", "ok", "n1"),
            DecisionChallenge.of(WF, RUN, STEP, "ok.", "n1"),
            DecisionChallenge.of(WF, RUN, STEP, "ok", "n2"));
    Set<String> all = new HashSet<>(others);
    all.add(challenge);
    assertThat(all).hasSize(7);
  }

  @Test
  void keepsFieldBoundariesSoThatMovingTextBetweenFieldsChangesIt() {
    assertThat(DecisionChallenge.of("ab", "c", STEP, null, "n"))
        .isNotEqualTo(DecisionChallenge.of("a", "bc", STEP, null, "n"));
  }

  @Test
  void isBase64urlOfThirtyTwoBytes() {
    assertThat(DecisionChallenge.of(WF, RUN, STEP, null, "n")).matches("[A-Za-z0-9_-]{43}");
    assertThat(DecisionChallenge.reasonHash(null)).isEqualTo(DecisionChallenge.reasonHash(""));
  }
}
