package io.keyward.activities.evidence;

import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.incident.EvidenceActivities;
import io.keyward.workflows.incident.EvidenceReceipt;
import io.keyward.workflows.incident.EvidenceRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Seals forensic evidence into the audit trail: the key's versions (from the request) and every
 * audit record of the requested subjects, as one canonical JSON bundle, hashed with SHA-256 and
 * appended as a {@value EvidenceRecords#TYPE} record under the incident's subject. Idempotent by
 * evidence id: a retry gets the receipt of the record the first call stored, whose seal {@link
 * EvidenceVerifier} can recompute at any time.
 */
public final class EvidenceActivitiesImpl implements EvidenceActivities {
  private final AuditStore audit;

  public EvidenceActivitiesImpl(AuditStore audit) {
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  @Override
  public EvidenceReceipt seal(EvidenceRequest request) {
    List<AuditRecord> excerpt = new ArrayList<>();
    for (String subject : request.auditSubjects()) {
      audit.recordsFor(subject).stream()
          .filter(r -> !EvidenceRecords.TYPE.equals(r.event().type()))
          .forEach(excerpt::add);
    }
    EvidenceBundle bundle = EvidenceBundle.of(request, excerpt);
    String canonical = EvidenceSeal.canonicalJson(bundle);
    Map<String, String> details = new HashMap<>();
    details.put("key", bundle.key());
    if (bundle.incident() != null) {
      details.put("incident", bundle.incident());
    }
    details.put(EvidenceRecords.SHA256, EvidenceSeal.sha256(canonical));
    details.put(EvidenceRecords.VERSIONS, Integer.toString(bundle.versions().size()));
    details.put(EvidenceRecords.AUDIT_RECORDS, Integer.toString(bundle.auditRecords().size()));
    details.put(EvidenceRecords.BUNDLE, canonical);
    AuditRecord stored =
        audit.append(
            new AuditEvent(
                request.evidenceId(),
                request.subject(),
                EvidenceRecords.TYPE,
                "keyward",
                request.capturedAt(),
                details));
    Map<String, String> kept = stored.event().details();
    return new EvidenceReceipt(
        request.evidenceId(),
        kept.get(EvidenceRecords.SHA256),
        stored.sequence(),
        stored.hash(),
        Integer.parseInt(kept.getOrDefault(EvidenceRecords.VERSIONS, "0")),
        Integer.parseInt(kept.getOrDefault(EvidenceRecords.AUDIT_RECORDS, "0")));
  }
}
