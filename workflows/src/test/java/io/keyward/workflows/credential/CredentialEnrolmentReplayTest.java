package io.keyward.workflows.credential;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.keyward.workflows.testing.VerifyingReplay;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays recorded enrolments against today's code. */
class CredentialEnrolmentReplayTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/credential-enrolment-approved.json",
        "histories/credential-enrolment-expired.json"
      })
  void recordedHistoriesReplayWithoutNondeterminism(String resource) {
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    resource, CredentialEnrolmentWorkflowImpl.class))
        .doesNotThrowAnyException();
  }

  /**
   * Behind the signature check as production runs it: the new branch of {@code signed-starts}, a
   * signed start and an unsigned one refused.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/credential-signed-start.json",
        "histories/credential-unsigned-start-refused.json"
      })
  void signedStartHistoriesReplayBehindTheSignatureCheck(String resource) {
    assertThatCode(() -> VerifyingReplay.replay(resource, CredentialEnrolmentWorkflowImpl.class))
        .doesNotThrowAnyException();
  }
}
