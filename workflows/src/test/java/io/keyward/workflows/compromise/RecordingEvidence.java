package io.keyward.workflows.compromise;

import io.keyward.workflows.incident.CallLog;
import io.keyward.workflows.incident.EvidenceActivities;
import io.keyward.workflows.incident.EvidenceReceipt;
import io.keyward.workflows.incident.EvidenceRequest;
import java.util.ArrayList;
import java.util.List;

/** Keeps the evidence requests and answers with a receipt; the sealing is tested in activities. */
final class RecordingEvidence implements EvidenceActivities {
  private final List<EvidenceRequest> requests = new ArrayList<>();
  private final CallLog log;

  RecordingEvidence(CallLog log) {
    this.log = log;
  }

  @Override
  public synchronized EvidenceReceipt seal(EvidenceRequest request) {
    log.add("evidence:seal");
    requests.add(request);
    return new EvidenceReceipt(
        request.evidenceId(), "ab".repeat(32), 42, "cd".repeat(32), request.versions().size(), 7);
  }

  synchronized List<EvidenceRequest> requests() {
    return List.copyOf(requests);
  }
}
