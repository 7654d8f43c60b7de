package io.keyward.workflows.codec;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.keyward.workflows.breakglass.BreakGlassWorkflowImpl;
import io.keyward.workflows.classification.ClassificationChangeWorkflowImpl;
import io.keyward.workflows.compromise.CompromiseResponseWorkflowImpl;
import io.keyward.workflows.generation.KeyGenerationWorkflowImpl;
import io.keyward.workflows.lifecycle.KeyLifecycleWorkflowImpl;
import io.keyward.workflows.rotation.ManualRotationWorkflowImpl;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The histories recorded before payloads were encrypted replay against today's code with the
 * encrypting data converter every worker now uses: the codec passes their clear payloads through,
 * so turning encryption on leaves the ceremonies in flight running. (Encrypted histories recorded
 * on the dev server replay through the codec in temporal-dev's {@code EncryptedHistoriesTest}.)
 */
class RecordedHistoriesThroughTheCodecTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "breakglass-ended-early.json",
        "breakglass-l1-reviewed-ticket-notes.json",
        "breakglass-l1-revoked-reviewed.json",
        "breakglass-review-overdue.json",
        "breakglass-revoked-after-worker-outage.json",
        "classification-unregistered-recorded.json",
        "compromise-p1-closed-ticket-notes.json",
        "compromise-p1-closed.json",
        "compromise-p1-disable-retried.json",
        "compromise-p1-escalated.json",
        "compromise-p4-raised-to-p1.json",
        "keygen-existing-key-refused-at-generation.json",
        "keygen-secret-denied.json",
        "keygen-secret-registered-lifecycle-started.json",
        "keygen-secret-registered-ticket-notes.json",
        "keygen-secret-registered.json",
        "lifecycle-approval-gate.json",
        "lifecycle-automatic-cycle.json",
        "rotation-manual-backup-confirmed.json",
        "rotation-manual-completed-ticket-notes.json",
        "rotation-manual-completed.json",
        "rotation-manual-rolled-back.json"
      })
  void replaysWithTheEncryptingConverter(String history) {
    try (TestWorkflowEnvironment environment =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(
                            KeywardDataConverter.with(
                                new EncryptingPayloadCodec(
                                    new InMemoryKeks().rotateTo("test:kek/replay@1"))))
                        .build())
                .build())) {
      assertThatCode(
              () ->
                  WorkflowReplayer.replayWorkflowExecutionFromResource(
                      "histories/" + history,
                      environment,
                      KeyGenerationWorkflowImpl.class,
                      ManualRotationWorkflowImpl.class,
                      KeyLifecycleWorkflowImpl.class,
                      ClassificationChangeWorkflowImpl.class,
                      BreakGlassWorkflowImpl.class,
                      CompromiseResponseWorkflowImpl.class))
          .doesNotThrowAnyException();
    }
  }
}
