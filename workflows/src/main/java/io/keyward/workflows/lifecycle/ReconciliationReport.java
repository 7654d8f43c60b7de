package io.keyward.workflows.lifecycle;

import java.util.List;

/**
 * What a reconciliation run did: how many keys the providers hold, how many are near expiry, which
 * of those it enrolled, and how many already had a lifecycle.
 */
public record ReconciliationReport(
    int keysSeen, int nearExpiry, List<String> enrolled, int alreadyManaged) {
  public ReconciliationReport {
    enrolled = enrolled == null ? List.of() : List.copyOf(enrolled);
  }
}
