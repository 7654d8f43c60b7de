package io.keyward.activities.stores;

import io.keyward.activities.audit.AuditHashChain;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.common.KeyRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/** Someone with write access to the database, and without the audit key. */
public final class Intruder {
  private final DataSource database;
  private final AuditHashChain chain = new AuditHashChain();

  public Intruder(JdbcStores stores) {
    this.database = stores.dataSource();
  }

  /** Changes a detail of record {@code sequence} in its JSON, leaving its hash as it was. */
  public void editDetail(long sequence, String from, String to) throws SQLException {
    update(
        "UPDATE audit_records SET record_json = REPLACE(record_json, ?, ?) WHERE sequence = ?",
        from,
        to,
        sequence);
  }

  /**
   * Rewrites record {@code sequence} with another detail and recomputes its hash, as anyone can
   * with SHA-256 alone; the MAC stays, since making one needs the key.
   */
  public void rewriteWithNewHash(long sequence) throws SQLException {
    AuditRecord record = chain.fromJson(json(sequence));
    AuditEvent event = record.event();
    Map<String, String> details = new HashMap<>(event.details());
    details.put("decision", "DENY");
    AuditRecord forged =
        chain.seal(
            sequence,
            new AuditEvent(
                event.eventId(), event.subject(), event.type(), event.actor(), event.at(), details),
            record.previousHash());
    update(
        "UPDATE audit_records SET record_json = ?, hash = ? WHERE sequence = ?",
        chain.toJson(forged),
        forged.hash(),
        sequence);
  }

  public void deleteRecord(long sequence) throws SQLException {
    update("DELETE FROM audit_records WHERE sequence = ?", sequence);
  }

  /** Cuts the trail after {@code sequence}, moving the head back too, so the chain looks whole. */
  public void truncateAfter(long sequence, boolean moveHead) throws SQLException {
    update("DELETE FROM audit_records WHERE sequence > ?", sequence);
    if (moveHead) {
      update(
          "UPDATE audit_head SET last_sequence = ?, last_hash = (SELECT hash FROM audit_records"
              + " WHERE sequence = ?) WHERE id = 1",
          sequence,
          sequence);
    }
  }

  public void corruptDependents(KeyRef key) throws SQLException {
    update(
        "UPDATE dependency_map SET dependents_json = ? WHERE key_ref = ?",
        "{ not json",
        key.toString());
  }

  public void corruptJson(long sequence) throws SQLException {
    update("UPDATE audit_records SET record_json = ? WHERE sequence = ?", "{not json", sequence);
  }

  public long count(String sql) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement select = connection.prepareStatement(sql);
        ResultSet row = select.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  private String json(long sequence) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT record_json FROM audit_records WHERE sequence = ?")) {
      select.setLong(1, sequence);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getString(1);
      }
    }
  }

  private void update(String sql, Object... values) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      statement.executeUpdate();
    }
  }
}
