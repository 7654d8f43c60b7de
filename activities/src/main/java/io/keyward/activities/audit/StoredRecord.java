package io.keyward.activities.audit;

import io.keyward.workflows.audit.AuditRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One row of {@code audit_records} as read, before it is trusted: its columns, and the record its
 * canonical JSON holds once {@link #problem} found nothing wrong.
 */
record StoredRecord(
    long sequence, String eventId, String subject, String json, String hash, String mac) {

  /** Reads the columns {@code sequence, event_id, subject, record_json, hash, mac}, in order. */
  static StoredRecord read(ResultSet row) throws SQLException {
    return new StoredRecord(
        row.getLong(1),
        row.getString(2),
        row.getString(3),
        row.getString(4),
        row.getString(5),
        row.getString(6));
  }

  /**
   * What is wrong with this row on its own (its link to the record before is the walk's to check):
   * unreadable JSON, columns that disagree with it, content that does not match its hash, a MAC
   * that the audit key did not make.
   */
  Optional<String> problem(AuditHashChain chain, AuditMac mac) {
    AuditRecord record;
    try {
      record = chain.fromJson(json);
    } catch (IllegalArgumentException e) {
      return Optional.of("unreadable record: " + e.getMessage());
    }
    if (record.sequence() != sequence
        || !record.event().eventId().equals(eventId)
        || !record.event().subject().equals(subject)
        || !record.hash().equals(hash)) {
      return Optional.of("edited: its columns do not match its content");
    }
    if (!chain.hashOf(record).equals(record.hash())) {
      return Optional.of("edited: the record's content does not match its hash");
    }
    if (!mac.matches(sequence, hash, this.mac)) {
      return Optional.of(
          "bad MAC: the record was not written with the audit key (rewritten in the database)");
    }
    return Optional.empty();
  }

  /** The record; call only after {@link #problem} found nothing. */
  AuditRecord record() {
    return new AuditHashChain().fromJson(json);
  }
}
