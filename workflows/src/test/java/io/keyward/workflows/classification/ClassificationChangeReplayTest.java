package io.keyward.workflows.classification;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays recorded classification changes against today's code. */
class ClassificationChangeReplayTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/classification-unregistered-recorded.json",
        "histories/classification-unregistered-recorded-signed.json"
      })
  void recordedHistoriesReplayWithoutNondeterminism(String resource) {
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    resource, ClassificationChangeWorkflowImpl.class))
        .doesNotThrowAnyException();
  }
}
