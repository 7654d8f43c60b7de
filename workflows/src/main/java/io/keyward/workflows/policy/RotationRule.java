package io.keyward.workflows.policy;

import java.time.Period;
import java.util.List;
import java.util.Objects;

/**
 * One row of the rotation schedule matrix (runbook 6.1): how long a version of such a key lives,
 * whether it rotates automatically, and which approvals a rotation needs.
 *
 * @param interval the validity of each version; the lifecycle rotates {@link
 *     RotationMatrix#ROTATE_BEFORE_EXPIRY} before it ends
 * @param typicalClassification the classification the runbook gives such keys, used when a key
 *     carries no classification tag
 * @param approvals the approvals a rotation needs, each from a different person who is not the
 *     requester
 * @param approvalText the matrix's "Approval Required" column, for people
 */
public record RotationRule(
    KeyUsage usage,
    Classification typicalClassification,
    Period interval,
    RotationMethod method,
    List<ApprovalSlot> approvals,
    String approvalText) {
  public RotationRule {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(method, "method");
    approvals = List.copyOf(approvals);
    if (approvals.isEmpty()) {
      throw new IllegalArgumentException("a rotation needs at least one approval slot");
    }
  }
}
