package io.keyward.workflows.incident;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.KeyVersionInfo;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What goes into an evidence bundle. Carries public key attributes only, never key material.
 *
 * @param evidenceId unique and stable across retries (the workflow id and a step)
 * @param subject the audit subject the evidence record is filed under (the incident's workflow id)
 * @param versions every version of the key with its attributes, as the provider reports them
 * @param auditSubjects the audit subjects whose records about the key are excerpted (its generation
 *     and rotation ceremonies, this incident)
 */
public record EvidenceRequest(
    String evidenceId,
    String subject,
    IncidentId incident,
    KeyRef key,
    List<KeyVersionInfo> versions,
    List<String> auditSubjects,
    Instant capturedAt) {
  public EvidenceRequest {
    Objects.requireNonNull(evidenceId, "evidenceId");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(key, "key");
    versions = versions == null ? List.of() : List.copyOf(versions);
    auditSubjects = auditSubjects == null ? List.of() : List.copyOf(auditSubjects);
  }
}
