package io.keyward.workflows.lifecycle;

import java.time.Instant;
import java.util.List;

/** One rotation the lifecycle made: from which version to which, when, and who approved it. */
public record RotationRecord(
    int cycle, String fromVersion, String toVersion, Instant at, List<String> approvedBy) {
  public RotationRecord {
    approvedBy = approvedBy == null ? List.of() : List.copyOf(approvedBy);
  }
}
