package io.keyward.workflows.breakglass;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.keyward.workflows.testing.VerifyingReplay;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded histories of finished break-glass sessions against today's code: a change that
 * alters the commands of a recorded run without {@code Workflow.getVersion} fails here.
 */
class BreakGlassReplayTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/breakglass-ended-early.json",
        "histories/breakglass-l1-reviewed-ticket-notes.json",
        "histories/breakglass-l1-revoked-reviewed.json",
        "histories/breakglass-review-overdue.json",
        "histories/breakglass-revoked-after-worker-outage.json"
      })
  void recordedHistoriesReplayWithoutNondeterminism(String resource) {
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    resource, BreakGlassWorkflowImpl.class))
        .doesNotThrowAnyException();
  }

  /**
   * Behind the signature check as production runs it: the new branch of {@code signed-starts}, a
   * signed start and an unsigned one refused.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/breakglass-signed-start.json",
        "histories/breakglass-unsigned-start-refused.json"
      })
  void signedStartHistoriesReplayBehindTheSignatureCheck(String resource) {
    assertThatCode(() -> VerifyingReplay.replay(resource, BreakGlassWorkflowImpl.class))
        .doesNotThrowAnyException();
  }
}
