package io.keyward.activities.evidence;

import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.incident.EvidenceRequest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A forensic evidence bundle (runbook 11.1 step 4) as it is sealed: the key's versions with their
 * public attributes, and the audit records about the key, each with its place and hash in the chain
 * so the excerpt can be matched against the trail later. Never holds key material.
 */
record EvidenceBundle(
    String format,
    String evidenceId,
    String incident,
    String key,
    Instant capturedAt,
    List<VersionEvidence> versions,
    List<AuditEvidence> auditRecords) {
  static final String FORMAT = "keyward-evidence/1";

  /** One key version's public attributes, in a stable order. */
  record VersionEvidence(
      String version,
      String type,
      Integer size,
      String curve,
      List<String> operations,
      boolean enabled,
      Instant created,
      Instant notBefore,
      Instant expires,
      Map<String, String> tags,
      String provider,
      String protection,
      String publicKeyFingerprint) {}

  /** One audit record as the trail holds it. */
  record AuditEvidence(
      long sequence,
      String hash,
      String previousHash,
      String eventId,
      String subject,
      String type,
      String actor,
      Instant at,
      Map<String, String> details) {}

  static EvidenceBundle of(EvidenceRequest request, List<AuditRecord> records) {
    return new EvidenceBundle(
        FORMAT,
        request.evidenceId(),
        request.incident() == null ? null : request.incident().value(),
        request.key().toString(),
        request.capturedAt(),
        request.versions().stream().map(EvidenceBundle::version).toList(),
        records.stream()
            .sorted(Comparator.comparingLong(AuditRecord::sequence))
            .map(EvidenceBundle::audit)
            .toList());
  }

  private static VersionEvidence version(KeyVersionInfo v) {
    return new VersionEvidence(
        v.version(),
        v.type() == null ? null : v.type().name(),
        v.size(),
        v.curve() == null ? null : v.curve().name(),
        v.operations().stream().map(Enum::name).sorted().toList(),
        v.enabled(),
        v.created(),
        v.notBefore(),
        v.expires(),
        new TreeMap<>(v.tags()),
        v.provider(),
        v.protection() == null ? null : v.protection().name(),
        v.publicKeyFingerprint());
  }

  private static AuditEvidence audit(AuditRecord r) {
    return new AuditEvidence(
        r.sequence(),
        r.hash(),
        r.previousHash(),
        r.event().eventId(),
        r.event().subject(),
        r.event().type(),
        r.event().actor(),
        r.event().at(),
        new TreeMap<>(r.event().details()));
  }
}
