package io.keyward.workflows.generation;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.keyward.workflows.testing.VerifyingReplay;
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

  /**
   * On the production worker, behind the signature check: histories recorded before {@code
   * signed-starts} take its old branch, those after it (a signed start, an unsigned one refused)
   * the new one.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/keygen-secret-denied.json",
        "histories/keygen-secret-registered.json",
        "histories/keygen-signed-registered.json",
        "histories/keygen-unsigned-start-refused.json"
      })
  void recordedHistoriesReplayBehindTheSignatureCheck(String resource) {
    assertThatCode(() -> VerifyingReplay.replay(resource, KeyGenerationWorkflowImpl.class))
        .doesNotThrowAnyException();
  }
}
