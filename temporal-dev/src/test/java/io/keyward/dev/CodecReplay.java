package io.keyward.dev;

import io.keyward.worker.TemporalClients;
import io.keyward.workflows.attestation.SigningKeySource;
import io.keyward.workflows.attestation.SigningSettings;
import io.keyward.workflows.attestation.VerifyingWorkerInterceptor;
import io.keyward.workflows.codec.CodecSettings;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.WorkerFactoryOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Replays a history exported from the dev server against today's workflow code through dev mode's
 * codec, on a worker behind the signature check as production runs it (trusting dev mode's signing
 * key under the same data directory).
 */
final class CodecReplay {
  private CodecReplay() {}

  static void replay(
      WorkflowExecutionHistory history, Path dataDir, Class<?>... workflowImplementations)
      throws Exception {
    CodecSettings codec =
        new CodecSettings(CodecSettings.DEV_KEY_ENCRYPTION_KEY, List.of(), dataDir, true);
    DataConverter converter = TemporalClients.dataConverter(codec, Map.of());
    try (TestWorkflowEnvironment environment =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder().setDataConverter(converter).build())
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(
                            new VerifyingWorkerInterceptor(
                                SigningKeySource.onClassPath()
                                    .trusted(
                                        new SigningSettings(
                                            SigningSettings.DEV_SIGNING_KEY, null, dataDir, true),
                                        Map.of()),
                                converter))
                        .build())
                .build())) {
      WorkflowReplayer.replayWorkflowExecution(
          history,
          environment,
          workflowImplementations[0],
          Arrays.copyOfRange(workflowImplementations, 1, workflowImplementations.length));
    }
  }
}
