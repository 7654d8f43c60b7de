package io.keyward.activities.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.incident.EvidenceVerification;
import io.keyward.workflows.incident.EvidenceVerifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks sealed evidence bundles: recomputes each bundle's SHA-256 and compares it with its seal,
 * and matches every audit record in the bundle's excerpt against the trail (same sequence, same
 * hash). The trail's own hash chain, checked by {@link AuditStore#verify()}, protects the evidence
 * record itself.
 */
public final class EvidenceBundleVerifier implements EvidenceVerifier {
  private final AuditStore audit;

  public EvidenceBundleVerifier(AuditStore audit) {
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  @Override
  public List<EvidenceVerification> verifyAll(String subject) {
    return audit.recordsFor(subject).stream()
        .filter(r -> EvidenceRecords.TYPE.equals(r.event().type()))
        .map(this::verify)
        .toList();
  }

  public EvidenceVerification verify(AuditRecord evidence) {
    Map<String, String> details = evidence.event().details();
    String bundle = details.getOrDefault(EvidenceRecords.BUNDLE, "");
    String sealed = details.get(EvidenceRecords.SHA256);
    String recomputed = EvidenceSeal.sha256(bundle);
    List<String> problems = new ArrayList<>();
    if (!recomputed.equals(sealed)) {
      problems.add("the bundle's SHA-256 is " + recomputed + ", its seal says " + sealed);
    }
    int checked = 0;
    Optional<JsonNode> parsed = parse(bundle, problems);
    if (parsed.isPresent()) {
      Map<String, Map<Long, String>> trail = new HashMap<>();
      for (JsonNode record : parsed.get().path("auditRecords")) {
        checked++;
        String subject = record.path("subject").asText();
        long sequence = record.path("sequence").asLong();
        String hash = record.path("hash").asText();
        String inTrail = trail.computeIfAbsent(subject, this::hashesBySequence).get(sequence);
        if (!hash.equals(inTrail)) {
          problems.add(
              "audit record #"
                  + sequence
                  + " of "
                  + subject
                  + (inTrail == null ? " is not in the trail" : " differs from the trail"));
        }
      }
    }
    return new EvidenceVerification(
        evidence.event().eventId(), evidence.sequence(), sealed, recomputed, checked, problems);
  }

  private Map<Long, String> hashesBySequence(String subject) {
    Map<Long, String> hashes = new HashMap<>();
    for (AuditRecord record : audit.recordsFor(subject)) {
      hashes.put(record.sequence(), record.hash());
    }
    return hashes;
  }

  private static Optional<JsonNode> parse(String bundle, List<String> problems) {
    try {
      return Optional.of(EvidenceSeal.mapper().readTree(bundle));
    } catch (JsonProcessingException e) {
      problems.add("the bundle is not readable JSON");
      return Optional.empty();
    }
  }
}
