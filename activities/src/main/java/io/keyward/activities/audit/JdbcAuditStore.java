package io.keyward.activities.audit;

import io.keyward.activities.stores.Transactions;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditReceipt;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.audit.ChainVerification;
import io.keyward.workflows.audit.HeldReceipt;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The audit trail in the database, one chain for every process that appends to it.
 *
 * <p><b>One order.</b> Each append locks the one row of {@code audit_head} ({@code SELECT ... FOR
 * UPDATE}) in its transaction, seals the event after the head (sequence, link, hash in the form of
 * {@link AuditHashChain}), authenticates it ({@link AuditMac}), inserts it and moves the head. API
 * replicas and workers on other hosts therefore append to one chain, without gaps or forks.
 *
 * <p><b>Group commit.</b> The appends of one process that arrive while another is being written
 * wait, then go into the database together, in the order they were queued, in one transaction (one
 * lock of the head, one commit and its flush to disk) written by the first of them to wait ({@link
 * GroupCommit}). Each append returns when the transaction holding its event has committed, with its
 * own record; when that transaction fails, every append in it fails and nothing of it is stored, so
 * the callers (activities Temporal retries) append again.
 *
 * <p><b>Idempotence.</b> An event whose id is already stored is not written again: the stored
 * record comes back (the first write wins), so a retried activity writes once. The unique
 * constraint on the event id backs this up.
 *
 * <p><b>Damage.</b> Appends chain from the head, never from the records, so a damaged or edited
 * record does not stop new ceremonies: it stays where it is and {@link #verify} reports it. Reading
 * a subject whose records fail their hash or MAC throws {@link AuditTrailDamagedException} naming
 * the record, so nothing damaged is used as evidence.
 *
 * <p><b>Retention.</b> Runbook 9.1 keeps audit events for 2555 days. The store deletes nothing;
 * removing the oldest records breaks the chain from the first one kept, so archive the table whole.
 *
 * <p>This store is a view on a pool its {@code JdbcStores} owns: {@link #close} does nothing.
 */
public final class JdbcAuditStore implements AuditStore {
  /** The longest event id and subject the table holds. */
  public static final int MAX_ID_LENGTH = 1000;

  /** The most events one transaction appends. */
  static final int MAX_BATCH = 200;

  private static final String GENESIS = AuditHashChain.GENESIS_HASH;

  private final DataSource database;
  private final AuditMac mac;
  private final String where;
  private final AuditHashChain chain = new AuditHashChain();
  private final GroupCommit<AuditEvent, AuditRecord> appends =
      new GroupCommit<>(this::appendAll, MAX_BATCH);

  /**
   * @param where the database, for messages (never with its password)
   */
  public JdbcAuditStore(DataSource database, AuditMac mac, String where) {
    this.database = database;
    this.mac = mac;
    this.where = where;
  }

  @Override
  public AuditRecord append(AuditEvent event) {
    AuditHashChain.requireValid(event);
    requireFits(event.eventId(), "eventId");
    requireFits(event.subject(), "subject");
    return appends.write(event);
  }

  /**
   * Appends the events of one group commit in one transaction, in their order; every event fails
   * when the transaction does.
   */
  private List<AuditRecord> appendAll(List<AuditEvent> events) {
    try {
      return Transactions.inTransaction(database, connection -> appendIn(connection, events));
    } catch (SQLException e) {
      if (!isDuplicateKey(e)) {
        throw unavailable(e);
      }
      // Another process stored one of the events between our look and our insert.
      return storedAll(events).orElseThrow(() -> unavailable(e));
    }
  }

  private List<AuditRecord> appendIn(Connection connection, List<AuditEvent> events)
      throws SQLException {
    Map<String, AuditRecord> records = new HashMap<>();
    for (AuditEvent event : events) {
      stored(connection, event).ifPresent(record -> records.put(event.eventId(), record));
    }
    if (records.size() < events.size()) {
      Head head = lockHead(connection);
      long first = head.sequence() + 1;
      for (AuditEvent event : events) {
        if (records.containsKey(event.eventId())) {
          continue;
        }
        // Looked at again under the lock: an append of the same event may have committed meanwhile.
        Optional<AuditRecord> existing = stored(connection, event);
        if (existing.isPresent()) {
          records.put(event.eventId(), existing.get());
          continue;
        }
        AuditRecord record = chain.seal(head.sequence() + 1, event, head.linkHash());
        insert(connection, event, record);
        records.put(event.eventId(), record);
        head = new Head(record.sequence(), record.hash());
      }
      if (head.sequence() >= first) {
        moveHead(connection, head);
      }
    }
    return events.stream().map(event -> records.get(event.eventId())).toList();
  }

  private void insert(Connection connection, AuditEvent event, AuditRecord record)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO audit_records (sequence, event_id, subject, record_json, hash, mac)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, record.sequence());
      insert.setString(2, event.eventId());
      insert.setString(3, event.subject());
      insert.setString(4, chain.toJson(record));
      insert.setString(5, record.hash());
      insert.setString(6, mac.of(record.sequence(), record.hash()));
      insert.executeUpdate();
    }
  }

  private static void moveHead(Connection connection, Head head) throws SQLException {
    try (PreparedStatement move =
        connection.prepareStatement(
            "UPDATE audit_head SET last_sequence = ?, last_hash = ? WHERE id = 1")) {
      move.setLong(1, head.sequence());
      move.setString(2, head.hash());
      move.executeUpdate();
    }
  }

  /** The records stored for every one of {@code events}; empty when one of them is not stored. */
  private Optional<List<AuditRecord>> storedAll(List<AuditEvent> events) {
    List<AuditRecord> records = new ArrayList<>();
    try (Connection connection = database.getConnection()) {
      for (AuditEvent event : events) {
        Optional<AuditRecord> record = stored(connection, event);
        if (record.isEmpty()) {
          return Optional.empty();
        }
        records.add(record.get());
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
    return Optional.of(records);
  }

  /** The head, locked until the transaction ends; recreated from the records if it was deleted. */
  private Head lockHead(Connection connection) throws SQLException {
    Optional<Head> head = selectHead(connection);
    if (head.isPresent()) {
      return head.get();
    }
    try (PreparedStatement recreate =
        connection.prepareStatement(
            "INSERT INTO audit_head (id, last_sequence, last_hash) VALUES (1, ?, ?)")) {
      Head last = lastRecord(connection).orElse(new Head(0, GENESIS));
      recreate.setLong(1, last.sequence());
      recreate.setString(2, last.hash());
      recreate.executeUpdate();
    }
    return selectHead(connection)
        .orElseThrow(() -> new IllegalStateException("the audit head cannot be recreated"));
  }

  private static Optional<Head> selectHead(Connection connection) throws SQLException {
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT last_sequence, last_hash FROM audit_head WHERE id = 1 FOR UPDATE");
        ResultSet row = select.executeQuery()) {
      return row.next()
          ? Optional.of(new Head(row.getLong(1), row.getString(2)))
          : Optional.empty();
    }
  }

  private static Optional<Head> lastRecord(Connection connection) throws SQLException {
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT sequence, hash FROM audit_records ORDER BY sequence DESC LIMIT 1");
        ResultSet row = select.executeQuery()) {
      return row.next()
          ? Optional.of(new Head(row.getLong(1), row.getString(2)))
          : Optional.empty();
    }
  }

  /** The record already stored under the event's id, if any. */
  private Optional<AuditRecord> stored(Connection connection, AuditEvent event)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT sequence, record_json, hash FROM audit_records WHERE event_id = ?")) {
      select.setString(1, event.eventId());
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        try {
          return Optional.of(chain.fromJson(row.getString(2)));
        } catch (IllegalArgumentException damaged) {
          // The retry gets its receipt; verify reports the damaged record.
          return Optional.of(new AuditRecord(row.getLong(1), event, null, row.getString(3)));
        }
      }
    }
  }

  /**
   * Every record of {@code subject}, in chain order, each checked against its hash and MAC.
   *
   * @throws AuditTrailDamagedException when one of them fails, naming it
   */
  @Override
  public List<AuditRecord> recordsFor(String subject) {
    return checkedRecords("subject = ?", subject, subject);
  }

  /**
   * The records after {@code sequence}, in chain order, each checked as {@link #recordsFor} checks
   * them: for an archive, or to see what a request added.
   */
  public List<AuditRecord> recordsAfter(long sequence) {
    return checkedRecords("sequence > ?", sequence, "the trail");
  }

  private List<AuditRecord> checkedRecords(String where, Object value, String subject) {
    List<AuditRecord> records = new ArrayList<>();
    try (Connection connection = database.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT sequence, event_id, subject, record_json, hash, mac FROM audit_records"
                    + " WHERE "
                    + where
                    + " ORDER BY sequence")) {
      select.setObject(1, value);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          StoredRecord stored = StoredRecord.read(rows);
          Optional<String> problem = stored.problem(chain, mac);
          if (problem.isPresent()) {
            throw new AuditTrailDamagedException(
                "audit record #"
                    + stored.sequence()
                    + " of "
                    + subject
                    + " is damaged ("
                    + problem.get()
                    + "); run verify-audit");
          }
          records.add(stored.record());
        }
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
    return List.copyOf(records);
  }

  /** The sequence of the last record appended (0 for an empty trail), as the head says. */
  public long lastSequence() {
    try (Connection connection = database.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT last_sequence FROM audit_head WHERE id = 1");
        ResultSet row = select.executeQuery()) {
      return row.next() ? row.getLong(1) : lastRecord(connection).map(Head::sequence).orElse(0L);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  @Override
  public ChainVerification verify() {
    return verify(List.of());
  }

  /** Walks the whole chain and checks it against one receipt; see {@link AuditTrailWalk}. */
  public ChainVerification verify(AuditReceipt latestReceipt) {
    return verify(latestReceipt == null ? List.of() : List.of(HeldReceipt.given(latestReceipt)));
  }

  /** Walks the whole chain and checks it against every receipt; see {@link AuditTrailWalk}. */
  public ChainVerification verify(List<HeldReceipt> receipts) {
    try {
      return AuditTrailWalk.verify(database, mac, receipts);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  @Override
  public void close() {
    // A view on the pool of the stores that opened it; they close it.
  }

  private IllegalStateException unavailable(Exception e) {
    return new IllegalStateException("audit trail in " + where + ": " + e.getMessage(), e);
  }

  private static void requireFits(String value, String field) {
    if (value.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          "audit event " + field + " is longer than " + MAX_ID_LENGTH + " characters");
    }
  }

  /** SQLState class 23505: a unique constraint refused the row. */
  static boolean isDuplicateKey(Exception e) {
    return e instanceof SQLException sql && "23505".equals(sql.getSQLState());
  }

  /**
   * The head of the chain. A head whose hash is not a hash (someone edited it) is linked through
   * its SHA-256, so appends go on and the walk reports the broken link after it.
   */
  private record Head(long sequence, String hash) {
    String linkHash() {
      return hash != null && hash.matches("[0-9a-f]{64}")
          ? hash
          : AuditHashChain.sha256Hex("damaged head: " + hash);
    }
  }
}
