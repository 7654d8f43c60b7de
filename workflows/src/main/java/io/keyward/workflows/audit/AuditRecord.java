package io.keyward.workflows.audit;

/**
 * An event as stored: its position in the chain, the previous record's hash and its own hash
 * (SHA-256 over the previous hash and the canonical form of this record).
 */
public record AuditRecord(long sequence, AuditEvent event, String previousHash, String hash) {}
