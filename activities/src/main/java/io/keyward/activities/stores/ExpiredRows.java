package io.keyward.activities.stores;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the expired rows of one table (those whose {@code expires_at} has passed) at most once a
 * minute per process, and the rows beyond a limit, oldest first by one column. A failure costs
 * nothing but rows kept a little longer, so it is logged, not thrown.
 */
public final class ExpiredRows {
  private static final Duration EVERY = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(ExpiredRows.class);

  private final DataSource database;
  private final String table;
  private final String key;
  private final String age;
  private final AtomicReference<Instant> next = new AtomicReference<>(Instant.MIN);

  /**
   * @param table the table, with an {@code expires_at} column
   * @param key its primary key column
   * @param age the column whose oldest rows go first when there are too many
   */
  public ExpiredRows(DataSource database, String table, String key, String age) {
    this.database = database;
    this.table = table;
    this.key = key;
    this.age = age;
  }

  /** Deletes the rows expired at {@code now}, unless this process did so less than a minute ago. */
  public void deleteNowAndThen(Instant now) {
    Instant due = next.get();
    if (now.isBefore(due) || !next.compareAndSet(due, now.plus(EVERY))) {
      return;
    }
    try (Connection connection = database.getConnection();
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM " + table + " WHERE expires_at <= ?")) {
      delete.setObject(1, now.atOffset(ZoneOffset.UTC));
      delete.executeUpdate();
    } catch (SQLException e) {
      LOG.warn("Expired rows of {} not deleted this time: {}", table, e.getMessage());
    }
  }

  /** Sets the parameters of an insert. */
  @FunctionalInterface
  public interface Values {
    void set(PreparedStatement insert) throws SQLException;
  }

  /**
   * Inserts one row with {@code insert}, whose parameters {@code values} sets, in one transaction
   * that first deletes the oldest rows so that at most {@code keepAtMost} are left with the new
   * one; then deletes the rows expired at {@code now} (see {@link #deleteNowAndThen}).
   *
   * @throws IllegalArgumentException when {@code keepAtMost} is below 1
   */
  public void insert(
      Instant now,
      int keepAtMost,
      String insert,
      Values values,
      Function<SQLException, RuntimeException> unavailable) {
    if (keepAtMost < 1) {
      throw new IllegalArgumentException("keepAtMost must be at least 1, was " + keepAtMost);
    }
    Transactions.inTransaction(
        database,
        connection -> {
          keepAtMost(connection, keepAtMost - 1);
          try (PreparedStatement statement = connection.prepareStatement(insert)) {
            values.set(statement);
            return statement.executeUpdate();
          }
        },
        unavailable);
    deleteNowAndThen(now);
  }

  /** Deletes the oldest rows beyond {@code keepAtMost}. */
  private void keepAtMost(Connection connection, int keepAtMost) throws SQLException {
    int rows;
    try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
        var result = count.executeQuery()) {
      result.next();
      rows = result.getInt(1);
    }
    if (rows <= keepAtMost) {
      return;
    }
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM "
                + table
                + " WHERE "
                + key
                + " IN (SELECT "
                + key
                + " FROM "
                + table
                + " ORDER BY "
                + age
                + " LIMIT ?)")) {
      delete.setInt(1, rows - keepAtMost);
      delete.executeUpdate();
    }
  }
}
