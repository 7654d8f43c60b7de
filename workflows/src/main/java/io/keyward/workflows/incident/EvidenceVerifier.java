package io.keyward.workflows.incident;

import java.util.List;

/**
 * Checks the evidence bundles a compromise response sealed into the audit trail (runbook 11
 * forensic evidence): each bundle against its seal, and the audit records it quotes against the
 * trail. The API answers {@code GET /api/compromises/{incident}/evidence} with it; the
 * implementation reads the trail through the {@link io.keyward.workflows.audit.AuditStore} it was
 * given.
 */
public interface EvidenceVerifier {
  /** Every evidence bundle filed under {@code subject}, each verified; empty when there is none. */
  List<EvidenceVerification> verifyAll(String subject);
}
