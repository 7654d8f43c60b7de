package io.keyward.workflows.testing;

import io.keyward.workflows.attestation.TrustedKey;
import io.keyward.workflows.attestation.TrustedKeys;
import io.keyward.workflows.attestation.VerifyingWorkerInterceptor;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.WorkerFactoryOptions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;

/**
 * Replays a recorded history on a worker as production runs it, behind {@link
 * VerifyingWorkerInterceptor}. It trusts a key of its own, not the one the history was signed with:
 * a start's verdict is a recorded side effect, so a replay does not depend on which keys are
 * trusted by then.
 */
public final class VerifyingReplay {
  private VerifyingReplay() {}

  public static void replay(String resource, Class<?> workflowImplementation) throws Exception {
    try (TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(
                            new VerifyingWorkerInterceptor(
                                someKey(), DefaultDataConverter.newDefaultInstance()))
                        .build())
                .build())) {
      WorkflowReplayer.replayWorkflowExecutionFromResource(resource, env, workflowImplementation);
    }
  }

  private static TrustedKeys someKey() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return new TrustedKeys(
        List.of(new TrustedKey("replay@1", generator.generateKeyPair().getPublic(), null)));
  }
}
