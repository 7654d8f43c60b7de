package io.keyward.workflows.compromise;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.keyward.workflows.testing.VerifyingReplay;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded histories of finished compromise responses against today's code: a change that
 * alters the commands of a recorded run without {@code Workflow.getVersion} fails here.
 */
class CompromiseResponseReplayTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/compromise-p1-closed-ticket-notes.json",
        "histories/compromise-p1-closed.json",
        "histories/compromise-p1-disable-retried.json",
        "histories/compromise-p1-escalated.json",
        "histories/compromise-p4-raised-to-p1.json"
      })
  void recordedHistoriesReplayWithoutNondeterminism(String resource) {
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    resource, CompromiseResponseWorkflowImpl.class))
        .doesNotThrowAnyException();
  }

  /**
   * Behind the signature check as production runs it: the new branch of {@code signed-starts}, a
   * signed start and an unsigned one refused.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/compromise-signed-start.json",
        "histories/compromise-unsigned-start-refused.json"
      })
  void signedStartHistoriesReplayBehindTheSignatureCheck(String resource) {
    assertThatCode(() -> VerifyingReplay.replay(resource, CompromiseResponseWorkflowImpl.class))
        .doesNotThrowAnyException();
  }
}
