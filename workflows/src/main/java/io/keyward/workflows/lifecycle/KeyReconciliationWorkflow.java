package io.keyward.workflows.lifecycle;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The weekly reconciliation (runbook 6.2, Monday 02:00): lists the providers' keys and enrols each
 * key near expiry that has no lifecycle, so nothing drifts out of policy.
 */
@WorkflowInterface
public interface KeyReconciliationWorkflow {
  /** Workflow id of runs started on demand; a second request while one runs joins it. */
  String ON_DEMAND_ID = "reconciliation/on-demand";

  @WorkflowMethod(name = "KeyReconciliation")
  ReconciliationReport run(ReconciliationRequest request);
}
