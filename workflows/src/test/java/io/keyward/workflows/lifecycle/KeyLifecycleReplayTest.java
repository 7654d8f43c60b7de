package io.keyward.workflows.lifecycle;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded lifecycle cycles (each ended by continue-as-new) against today's code: a change
 * that alters the commands of a recorded cycle without {@code Workflow.getVersion} fails here.
 */
class KeyLifecycleReplayTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/lifecycle-approval-gate.json",
        "histories/lifecycle-automatic-cycle.json"
      })
  void recordedCyclesReplayWithoutNondeterminism(String resource) {
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    resource, KeyLifecycleWorkflowImpl.class))
        .doesNotThrowAnyException();
  }
}
