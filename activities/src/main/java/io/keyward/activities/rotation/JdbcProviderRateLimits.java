package io.keyward.activities.rotation;

import io.keyward.activities.stores.Transactions;
import io.keyward.workflows.hsm.ProviderRateLimits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The turns of each bucket in the shared database (tables {@code provider_rate_limits} and {@code
 * provider_rate_turns}), so that every worker process counts against the same limit.
 *
 * <p>{@link #take} runs in one transaction that locks the bucket's row ({@code SELECT ... FOR
 * UPDATE}, inserting it first when the bucket is new), reads the {@code limit} latest turns and
 * gives the earliest moment that is not before the caller's {@code now}, nor before the latest
 * turn, nor within {@code window} after the {@code limit}-th latest: turns so given are in order
 * and any {@code limit + 1} consecutive ones span at least the window, so no window holds more than
 * {@code limit}. A turn further ahead than the caller may wait is kept for its holder (column
 * {@code holder}), who takes it when it comes back; one its holder missed by more than {@link
 * ProviderRateLimits#STALE} no longer counts, since no one will take it. Turns that can no longer
 * count (a window before the new one) are deleted in the same transaction. Times are kept to the
 * microsecond, as both databases keep them.
 */
public final class JdbcProviderRateLimits implements ProviderRateLimits {
  static final int MAX_BUCKET = 200;
  private static final int ATTEMPTS = 5;

  /**
   * What a transaction that lost a race is run again for: a unique violation (two first turns of a
   * new bucket), a serialization failure or deadlock, H2's concurrent update.
   */
  private static final Set<String> RACES = Set.of("23505", "40001", "40P01", "90131");

  private final DataSource database;

  public JdbcProviderRateLimits(DataSource database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  @Override
  public Turn take(
      String bucket, String holder, int limit, Duration window, Instant now, Duration maxWait) {
    checked(bucket, holder, limit, window, now, maxWait);
    Instant at = now.truncatedTo(ChronoUnit.MICROS);
    SQLException conflict = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        return takeOnce(bucket, holder, limit, window, at, maxWait);
      } catch (SQLException e) {
        if (!RACES.contains(e.getSQLState())) {
          throw unavailable(e);
        }
        conflict = e;
      }
    }
    throw unavailable(conflict);
  }

  private Turn takeOnce(
      String bucket, String holder, int limit, Duration window, Instant now, Duration maxWait)
      throws SQLException {
    return Transactions.inTransaction(
        database,
        connection -> {
          Instant last = lockBucket(connection, bucket);
          Turn kept = holder == null ? null : keptTurn(connection, bucket, holder, now, maxWait);
          if (kept != null) {
            return kept;
          }
          Instant turn = now.isBefore(last) ? last : now;
          List<Instant> latest = latestTurns(connection, bucket, limit, now);
          if (latest.size() == limit) {
            Instant free = latest.get(limit - 1).plus(window);
            turn = turn.isBefore(free) ? free : turn;
          }
          boolean given = Duration.between(now, turn).compareTo(maxWait) <= 0;
          if (!given && holder == null) {
            return new Turn(false, turn);
          }
          record(connection, bucket, turn, given ? null : holder, window, now);
          return new Turn(given, turn);
        });
  }

  /** Locks the bucket's row, inserting it when the bucket is new; its latest turn. */
  private static Instant lockBucket(Connection connection, String bucket) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT last_turn FROM provider_rate_limits WHERE bucket = ? FOR UPDATE")) {
      select.setString(1, bucket);
      try (ResultSet row = select.executeQuery()) {
        if (row.next()) {
          return row.getObject(1, OffsetDateTime.class).toInstant();
        }
      }
    }
    // A second process inserting the same bucket now fails on the key and runs again.
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO provider_rate_limits (bucket, last_turn) VALUES (?, ?)")) {
      insert.setString(1, bucket);
      insert.setObject(2, timestamp(Instant.EPOCH));
      insert.executeUpdate();
    }
    return Instant.EPOCH;
  }

  /**
   * The turn kept for {@code holder}: given (and no longer kept) when it is {@code maxWait} away or
   * less, still kept when further; null when there is none, or when the holder missed it by more
   * than {@link ProviderRateLimits#STALE} (it is then deleted: a missed turn counts for nothing).
   */
  private static Turn keptTurn(
      Connection connection, String bucket, String holder, Instant now, Duration maxWait)
      throws SQLException {
    long id;
    Instant at;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT turn_id, turn_at FROM provider_rate_turns WHERE bucket = ? AND holder = ?")) {
      select.setString(1, bucket);
      select.setString(2, holder);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return null;
        }
        id = row.getLong(1);
        at = row.getObject(2, OffsetDateTime.class).toInstant();
      }
    }
    boolean stale = at.plus(ProviderRateLimits.STALE).isBefore(now);
    boolean given = !stale && Duration.between(now, at).compareTo(maxWait) <= 0;
    if (stale || given) {
      // Taken, it counts like any other; missed, it never will be taken, and counts for nothing.
      try (PreparedStatement release =
          connection.prepareStatement(
              stale
                  ? "DELETE FROM provider_rate_turns WHERE turn_id = ?"
                  : "UPDATE provider_rate_turns SET holder = NULL WHERE turn_id = ?")) {
        release.setLong(1, id);
        release.executeUpdate();
      }
    }
    return stale ? null : new Turn(given, at);
  }

  /**
   * The bucket's {@code limit} latest turns that count, latest first: not those kept for a holder
   * who missed them, which no one will take.
   */
  private static List<Instant> latestTurns(
      Connection connection, String bucket, int limit, Instant now) throws SQLException {
    List<Instant> latest = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT turn_at FROM provider_rate_turns WHERE bucket = ?"
                + " AND (holder IS NULL OR turn_at >= ?)"
                + " ORDER BY turn_at DESC, turn_id DESC LIMIT ?")) {
      select.setString(1, bucket);
      select.setObject(2, timestamp(now.minus(ProviderRateLimits.STALE)));
      select.setInt(3, limit);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          latest.add(rows.getObject(1, OffsetDateTime.class).toInstant());
        }
      }
    }
    return latest;
  }

  private static void record(
      Connection connection,
      String bucket,
      Instant turn,
      String holder,
      Duration window,
      Instant now)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO provider_rate_turns (bucket, turn_at, holder) VALUES (?, ?, ?)")) {
      insert.setString(1, bucket);
      insert.setObject(2, timestamp(turn));
      insert.setString(3, holder);
      insert.executeUpdate();
    }
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE provider_rate_limits SET last_turn = ? WHERE bucket = ?")) {
      update.setObject(1, timestamp(turn));
      update.setString(2, bucket);
      update.executeUpdate();
    }
    // Turns a whole window before this one can no longer count against a later turn; one still
    // kept for its holder stays until its holder takes it or has missed it.
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM provider_rate_turns WHERE bucket = ? AND turn_at <= ?"
                + " AND (holder IS NULL OR turn_at < ?)")) {
      delete.setString(1, bucket);
      delete.setObject(2, timestamp(turn.minus(window)));
      delete.setObject(3, timestamp(now.minus(ProviderRateLimits.STALE)));
      delete.executeUpdate();
    }
  }

  private static void checked(
      String bucket, String holder, int limit, Duration window, Instant now, Duration maxWait) {
    if (bucket == null || bucket.isEmpty() || bucket.length() > MAX_BUCKET) {
      throw new IllegalArgumentException(
          "a rate limit bucket has 1 to " + MAX_BUCKET + " characters");
    }
    if (holder != null && (holder.isEmpty() || holder.length() > MAX_BUCKET)) {
      throw new IllegalArgumentException(
          "a rate limit turn's holder has 1 to " + MAX_BUCKET + " characters");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("a rate limit allows at least 1 turn, was " + limit);
    }
    if (window == null || window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("a rate limit window must be positive, was " + window);
    }
    Objects.requireNonNull(now, "now");
    if (maxWait == null || maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
    }
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static IllegalStateException unavailable(SQLException e) {
    return new IllegalStateException("provider rate limits unavailable: " + e.getMessage(), e);
  }
}
