package io.keyward.worker;

import io.keyward.workflows.attestation.Attestation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor.WorkflowStartInput;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor.WorkflowStartOutput;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A client of an attacker who got hold of a valid attestation (from a header in a history, say) and
 * sends it along with Updates or starts of their choosing.
 */
final class AttestationHeaders {
  private final AtomicReference<Attestation> next = new AtomicReference<>();
  private DataConverter converter;

  /**
   * {@code client}'s stubs and converter, with {@link #carry} attached to the next Update or start.
   */
  WorkflowClient client(WorkflowClient client) {
    converter = client.getOptions().getDataConverter();
    return WorkflowClient.newInstance(
        client.getWorkflowServiceStubs(),
        WorkflowClientOptions.newBuilder(client.getOptions())
            .setInterceptors(new Injecting())
            .build());
  }

  void carry(Attestation attestation) {
    next.set(attestation);
  }

  private final class Injecting extends WorkflowClientInterceptorBase {
    @Override
    public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(
        WorkflowClientCallsInterceptor nextCalls) {
      return new WorkflowClientCallsInterceptorBase(nextCalls) {
        @Override
        public WorkflowStartOutput start(WorkflowStartInput input) {
          Attestation attestation = next.get();
          if (attestation == null) {
            return super.start(input);
          }
          return super.start(
              new WorkflowStartInput(
                  input.getWorkflowId(),
                  input.getWorkflowType(),
                  attestation.addedTo(input.getHeader(), converter),
                  input.getArguments(),
                  input.getOptions()));
        }

        @Override
        public <R> WorkflowUpdateHandle<R> startUpdate(StartUpdateInput<R> input) {
          Attestation attestation = next.get();
          if (attestation == null) {
            return super.startUpdate(input);
          }
          return super.startUpdate(
              new StartUpdateInput<>(
                  input.getWorkflowExecution(),
                  input.getWorkflowType(),
                  input.getUpdateName(),
                  attestation.addedTo(input.getHeader(), converter),
                  input.getUpdateId(),
                  input.getArguments(),
                  input.getResultClass(),
                  input.getResultType(),
                  input.getFirstExecutionRunId(),
                  input.getWaitPolicy()));
        }
      };
    }
  }
}
