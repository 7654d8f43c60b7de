package io.keyward.workflows.credential;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays recorded enrolments against today's code. */
class CredentialEnrolmentReplayTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/credential-enrolment-approved.json",
        "histories/credential-enrolment-approved-signed.json",
        "histories/credential-enrolment-expired.json"
      })
  void recordedHistoriesReplayWithoutNondeterminism(String resource) {
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    resource, CredentialEnrolmentWorkflowImpl.class))
        .doesNotThrowAnyException();
  }
}
