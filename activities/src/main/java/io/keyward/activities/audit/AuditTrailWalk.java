package io.keyward.activities.audit;

import io.keyward.activities.stores.Transactions;
import io.keyward.workflows.audit.AuditReceipt;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.audit.ChainVerification;
import io.keyward.workflows.audit.HeldReceipt;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Walks the audit trail in the database from its first record to its last and reports the first
 * break: an unreadable or edited record, a bad MAC, a broken link, a gap in the sequence, a head
 * that disagrees with the last record, a tail shorter than a receipt the caller holds, or another
 * record at a receipt's place (each named by its holder, e.g. the ceremony). It reads in one
 * transaction and changes nothing, so it may run while others append.
 *
 * <p>A damaged record is isolated: the walk goes on after it, linking the next record to the hash
 * stored for it, and the verdict counts every problem found, so one edit does not hide another.
 */
final class AuditTrailWalk {
  private static final int FETCH = 500;

  private final AuditHashChain chain = new AuditHashChain();
  private final AuditMac mac;
  private final List<HeldReceipt> receipts;
  private final Map<Long, String> hashesAtReceipts = new HashMap<>();
  private final List<Problem> problems = new ArrayList<>();
  private long lastSequence;
  private String lastHash = AuditHashChain.GENESIS_HASH;
  private long intactBeforeFirstProblem;

  /** A break; {@code held} when a receipt found it, which the verdict names first. */
  private record Problem(long sequence, String text, boolean held) {}

  private AuditTrailWalk(AuditMac mac, List<HeldReceipt> receipts) {
    this.mac = mac;
    this.receipts = List.copyOf(receipts);
    this.receipts.forEach(held -> hashesAtReceipts.put(held.receipt().sequence(), null));
  }

  static ChainVerification verify(DataSource database, AuditMac mac, List<HeldReceipt> receipts)
      throws SQLException {
    AuditTrailWalk walk = new AuditTrailWalk(mac, receipts);
    // One snapshot on PostgreSQL: the head and the records agree even while others append.
    Transactions.inSnapshot(
        database,
        connection -> {
          walk.records(connection);
          walk.head(connection);
          return walk;
        });
    walk.receipts();
    return walk.verdict();
  }

  private void records(Connection connection) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT sequence, event_id, subject, record_json, hash, mac FROM audit_records"
                + " ORDER BY sequence")) {
      select.setFetchSize(FETCH);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          visit(StoredRecord.read(rows));
        }
      }
    }
  }

  private void visit(StoredRecord row) {
    long expected = lastSequence + 1;
    if (row.sequence() != expected) {
      note(
          expected,
          row.sequence() > expected
              ? row.sequence() == expected + 1
                  ? "gap: record #" + expected + " is missing"
                  : "gap: records #" + expected + " to #" + (row.sequence() - 1) + " are missing"
              : "sequence out of order: #" + row.sequence() + " after #" + lastSequence);
    }
    Optional<String> problem = row.problem(chain, mac);
    if (problem.isPresent()) {
      note(row.sequence(), problem.get());
    } else {
      AuditRecord record = row.record();
      if (!record.previousHash().equals(lastHash)) {
        note(
            row.sequence(),
            "broken link: previousHash does not match the hash of "
                + (lastSequence == 0 ? "the genesis" : "record #" + lastSequence));
      }
    }
    if (hashesAtReceipts.containsKey(row.sequence())) {
      hashesAtReceipts.put(row.sequence(), row.hash());
    }
    if (problems.isEmpty()) {
      intactBeforeFirstProblem++;
    }
    lastSequence = row.sequence();
    lastHash = row.hash();
  }

  private void head(Connection connection) throws SQLException {
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT last_sequence, last_hash FROM audit_head WHERE id = 1");
        ResultSet row = select.executeQuery()) {
      if (!row.next()) {
        note(lastSequence + 1, "the chain's head row is missing");
        return;
      }
      long headSequence = row.getLong(1);
      if (headSequence > lastSequence) {
        note(
            lastSequence + 1,
            "truncated: the head names record #"
                + headSequence
                + " but the trail ends at #"
                + lastSequence);
      } else if (headSequence < lastSequence || !row.getString(2).equals(lastHash)) {
        note(headSequence + 1, "the head does not match the last record #" + lastSequence);
      }
    }
  }

  /**
   * Checks the receipts in the order of the records they name, so that of several receipts beyond a
   * cut the one naming the earliest missing record is the one reported, whatever order they were
   * collected in.
   */
  private void receipts() {
    List<HeldReceipt> byRecord =
        receipts.stream()
            .sorted(Comparator.comparingLong(held -> held.receipt().sequence()))
            .toList();
    for (HeldReceipt held : byRecord) {
      AuditReceipt receipt = held.receipt();
      String hash = hashesAtReceipts.get(receipt.sequence());
      if (receipt.sequence() > lastSequence) {
        problems.add(
            new Problem(
                lastSequence + 1,
                "truncated: "
                    + held.describe()
                    + " names record #"
                    + receipt.sequence()
                    + " but the trail ends at #"
                    + lastSequence,
                true));
      } else if (hash == null || !hash.equals(receipt.hash())) {
        problems.add(
            new Problem(
                receipt.sequence(),
                "record #"
                    + receipt.sequence()
                    + " is not the one "
                    + held.describe()
                    + " names (rewritten)",
                true));
      }
    }
  }

  private void note(long sequence, String text) {
    problems.add(new Problem(sequence, text, false));
  }

  private ChainVerification verdict() {
    if (problems.isEmpty()) {
      return ChainVerification.intact(lastSequence);
    }
    Problem first =
        problems.stream()
            .min(
                Comparator.comparingLong(Problem::sequence)
                    .thenComparing(problem -> !problem.held()))
            .orElseThrow();
    String more =
        problems.size() == 1
            ? ""
            : " (" + problems.size() + " problems in all; records after it were checked too)";
    long checked = Math.min(intactBeforeFirstProblem, Math.max(0, first.sequence() - 1));
    return ChainVerification.brokenAt(checked, first.sequence(), first.text() + more);
  }
}
