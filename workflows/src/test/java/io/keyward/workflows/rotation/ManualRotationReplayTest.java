package io.keyward.workflows.rotation;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.keyward.workflows.testing.VerifyingReplay;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded manual rotations against today's code: a change that alters the commands of a
 * recorded run without {@code Workflow.getVersion} fails here. {@code rotation-ultra-signed} is the
 * new branch of {@code ultra-rotation-decisions-signed-by-authenticator}; {@code
 * rotation-ultra-unsigned} (decided to the end) and {@code rotation-signed-start} are ULTRA
 * rotations from before it (the old branch); the others rotate SECRET keys, which record no marker.
 */
class ManualRotationReplayTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/rotation-manual-backup-confirmed.json",
        "histories/rotation-manual-completed-ticket-notes.json",
        "histories/rotation-manual-completed.json",
        "histories/rotation-manual-rolled-back.json",
        "histories/rotation-ultra-signed.json",
        "histories/rotation-ultra-unsigned.json"
      })
  void recordedHistoriesReplayWithoutNondeterminism(String resource) {
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    resource, ManualRotationWorkflowImpl.class))
        .doesNotThrowAnyException();
  }

  /**
   * Behind the signature check as production runs it: the new branch of {@code signed-starts}, a
   * signed start and an unsigned one refused.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/rotation-signed-start.json",
        "histories/rotation-unsigned-start-refused.json"
      })
  void signedStartHistoriesReplayBehindTheSignatureCheck(String resource) {
    assertThatCode(() -> VerifyingReplay.replay(resource, ManualRotationWorkflowImpl.class))
        .doesNotThrowAnyException();
  }
}
