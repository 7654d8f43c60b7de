package io.keyward.workflows.incident;

/**
 * Where a sealed evidence bundle landed: its seal (SHA-256 of the bundle's canonical JSON, hex),
 * the audit record that holds it, and how much it holds.
 */
public record EvidenceReceipt(
    String evidenceId,
    String sha256,
    long auditSequence,
    String auditHash,
    int versionsCaptured,
    int auditRecordsCaptured) {}
