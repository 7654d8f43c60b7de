package io.keyward.workflows.generation;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded histories of finished ceremonies against today's code: a change that alters the
 * commands of a recorded run without {@code Workflow.getVersion} fails here.
 */
class KeyGenerationReplayTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/keygen-existing-key-refused-at-generation.json",
        "histories/keygen-secret-denied.json",
        "histories/keygen-secret-registered-lifecycle-started.json",
        "histories/keygen-secret-registered-ticket-notes.json",
        "histories/keygen-secret-registered.json",
        "histories/keygen-secret-registered-waiting-step.json",
        "histories/keygen-ultra-registered-signed.json",
        "histories/keygen-ultra-registered-unsigned.json"
      })
  void recordedHistoriesReplayWithoutNondeterminism(String resource) {
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    resource, KeyGenerationWorkflowImpl.class))
        .doesNotThrowAnyException();
  }
}
