package io.keyward.workflows.compromise;

import static io.keyward.workflows.ceremony.IdempotencyKeys.subject;
import static io.keyward.workflows.ceremony.WorkflowClock.now;

import io.keyward.workflows.ceremony.ActivityFailures;
import io.keyward.workflows.ceremony.CeremonyNotifier;
import io.keyward.workflows.ceremony.CeremonyRecord;
import io.keyward.workflows.ceremony.IdempotencyKeys;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.generation.GenerationRequest;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.incident.EvidenceActivities;
import io.keyward.workflows.incident.EvidenceReceipt;
import io.keyward.workflows.incident.EvidenceRequest;
import io.keyward.workflows.lifecycle.LifecycleInput;
import io.keyward.workflows.rotation.RotationRequest;
import io.temporal.failure.ActivityFailure;
import java.util.List;

/**
 * Runbook 11 step 5, forensic evidence: the key's versions and the audit records that concern it,
 * sealed under a SHA-256. A failed capture is alerted, not thrown. Workflow code only.
 */
final class EvidenceCapture {
  private final CompromiseReport report;
  private final CompromiseResponse response;
  private final CeremonyRecord record;
  private final CeremonyNotifier notifier;
  private final KeyProviderActivities keys;
  private final EvidenceActivities evidence;

  EvidenceCapture(
      CompromiseReport report,
      CompromiseResponse response,
      CeremonyRecord record,
      CeremonyNotifier notifier,
      KeyProviderActivities keys,
      EvidenceActivities evidence) {
    this.report = report;
    this.response = response;
    this.record = record;
    this.notifier = notifier;
    this.keys = keys;
    this.evidence = evidence;
  }

  void run() {
    try {
      List<KeyVersionInfo> versions = keys.listVersions(report.key());
      EvidenceReceipt receipt =
          evidence.seal(
              new EvidenceRequest(
                  IdempotencyKeys.forStep("evidence"),
                  subject(),
                  report.incident(),
                  report.key(),
                  versions,
                  auditSubjects(report.key(), subject()),
                  now()));
      response.evidence(receipt);
      response.action(CompromiseMessages.evidenceSealed(receipt));
      record.timeline(null, "EVIDENCE_SEALED", "SHA-256 " + receipt.sha256());
    } catch (ActivityFailure failure) {
      String why = ActivityFailures.describe(failure);
      response.action("Forensic evidence capture failed: " + why);
      record.timeline(null, "EVIDENCE_FAILED", why);
      notifier.send(CompromiseMessages.evidenceFailed(report, why, subject()));
    }
  }

  /**
   * The audit subjects whose records concern the key: its generation, rotation and lifecycle
   * workflows, and this incident.
   */
  static List<String> auditSubjects(KeyRef key, String incidentSubject) {
    return List.of(
        GenerationRequest.workflowId(key),
        RotationRequest.workflowId(key),
        LifecycleInput.workflowId(key),
        incidentSubject);
  }
}
