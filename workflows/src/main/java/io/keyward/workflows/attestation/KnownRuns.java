package io.keyward.workflows.attestation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The run each workflow id was last seen at by this client (started or described), so a signed
 * Update can name its run without asking Temporal first. A run seen here may have ended since
 * (reset, continued as new, ended and started again by another replica): Temporal then answers that
 * run's Update with NOT_FOUND, and the caller forgets it and asks again. Holds the {@value #LIMIT}
 * most recently used ids. Thread-safe.
 */
final class KnownRuns {
  static final int LIMIT = 10_000;

  private final Map<String, String> runs =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > LIMIT;
        }
      };

  synchronized Optional<String> runOf(String workflowId) {
    return Optional.ofNullable(runs.get(workflowId));
  }

  synchronized void seen(String workflowId, String runId) {
    if (!runId.isEmpty()) {
      runs.put(workflowId, runId);
    }
  }

  /** Forgets {@code runId} of {@code workflowId}, unless another run was seen since. */
  synchronized void ended(String workflowId, String runId) {
    runs.remove(workflowId, runId);
  }
}
