package io.keyward.api.keys;

import io.keyward.workflows.lifecycle.ReconciliationReport;

/**
 * A reconciliation run as the API shows it: its workflow, whether it is still running, and its
 * report once completed.
 */
public record ReconciliationStatus(
    String workflowId, String runId, String status, ReconciliationReport report) {}
