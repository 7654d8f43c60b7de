package io.keyward.workflows.generation;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Dual-control key generation (runbook 3.3): approvals to the classification's quorum, custodian 1
 * generates, custodian 2 verifies and activates, security validates and registers. Distinct people
 * at every step; the requester never decides.
 */
@WorkflowInterface
public interface KeyGenerationWorkflow {
  @WorkflowMethod(name = "KeyGeneration")
  GenerationOutcome run(GenerationRequest request);

  /** A decision at the open step; returns the state right after it was recorded. */
  @UpdateMethod
  GenerationState decide(Decision decision);

  /** Refuses a decision that the open step cannot take, before anything reaches history. */
  @UpdateValidatorMethod(updateName = "decide")
  void validateDecide(Decision decision);

  @QueryMethod
  GenerationState state();
}
