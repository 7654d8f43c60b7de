package io.keyward.workflows.audit;

/** Where an event landed in the chain: its sequence number and its record hash. */
public record AuditReceipt(long sequence, String hash) {}
