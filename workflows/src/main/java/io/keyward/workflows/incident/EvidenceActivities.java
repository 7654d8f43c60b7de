package io.keyward.workflows.incident;

import io.temporal.activity.ActivityInterface;

/**
 * Preserves forensic evidence (runbook 11.1 step 4): what the workflow knows of the key, together
 * with the audit trail excerpt about it, sealed with a SHA-256 hash into an evidence record of the
 * audit trail. Idempotent by {@link EvidenceRequest#evidenceId()}: a retried seal returns the
 * record the first call wrote, never a second bundle.
 */
@ActivityInterface(namePrefix = "Evidence")
public interface EvidenceActivities {
  EvidenceReceipt seal(EvidenceRequest request);
}
