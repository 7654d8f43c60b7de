package io.keyward.activities.audit;

import io.keyward.workflows.audit.AuditEvent;

/**
 * An event as stored: its position in the chain, the previous record's hash and its own hash
 * (SHA-256 over the previous hash and the canonical form of this record).
 */
public record AuditRecord(long sequence, AuditEvent event, String previousHash, String hash) {}
