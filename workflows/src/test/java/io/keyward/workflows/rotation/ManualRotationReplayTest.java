package io.keyward.workflows.rotation;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded manual rotations against today's code: a change that alters the commands of a
 * recorded run without {@code Workflow.getVersion} fails here.
 */
class ManualRotationReplayTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/rotation-manual-backup-confirmed.json",
        "histories/rotation-manual-completed-ticket-notes.json",
        "histories/rotation-manual-completed.json",
        "histories/rotation-manual-rolled-back.json"
      })
  void recordedHistoriesReplayWithoutNondeterminism(String resource) {
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    resource, ManualRotationWorkflowImpl.class))
        .doesNotThrowAnyException();
  }
}
