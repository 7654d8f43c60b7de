package io.keyward.workflows.classification;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.keyward.workflows.testing.VerifyingReplay;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays recorded classification changes against today's code. */
class ClassificationChangeReplayTest {
  @ParameterizedTest
  @ValueSource(strings = {"histories/classification-unregistered-recorded.json"})
  void recordedHistoriesReplayWithoutNondeterminism(String resource) {
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    resource, ClassificationChangeWorkflowImpl.class))
        .doesNotThrowAnyException();
  }

  /**
   * Behind the signature check as production runs it: the new branch of {@code signed-starts}, a
   * signed start and an unsigned one refused.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/classification-signed-start.json",
        "histories/classification-unsigned-start-refused.json"
      })
  void signedStartHistoriesReplayBehindTheSignatureCheck(String resource) {
    assertThatCode(() -> VerifyingReplay.replay(resource, ClassificationChangeWorkflowImpl.class))
        .doesNotThrowAnyException();
  }
}
