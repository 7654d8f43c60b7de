package io.keyward.workflows.policy;

import io.keyward.workflows.common.Role;
import java.util.Set;

/**
 * What the runbook demands of one classification: how many distinct approvers out of how large an
 * eligible pool (runbook 2.2 "3 of 5", "2 of 3"), which roles are eligible to approve, and where
 * the key must be kept.
 */
public record ClassificationPolicy(
    Classification classification,
    int quorum,
    int eligiblePool,
    Set<Role> approverRoles,
    ProtectionLevel protection,
    String rationale) {

  public ClassificationPolicy {
    if (quorum < 1 || quorum > eligiblePool) {
      throw new IllegalArgumentException("quorum must be between 1 and the eligible pool");
    }
    approverRoles = Set.copyOf(approverRoles);
  }

  /** e.g. "2 of 3". */
  public String quorumText() {
    return quorum + " of " + eligiblePool;
  }
}
