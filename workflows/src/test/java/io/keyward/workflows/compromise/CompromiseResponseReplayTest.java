package io.keyward.workflows.compromise;

import static org.assertj.core.api.Assertions.assertThatCode;

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
}
