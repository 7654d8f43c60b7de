package io.keyward.activities.signin;

import io.keyward.activities.stores.ExpiredRows;
import io.keyward.activities.stores.Transactions;
import io.keyward.workflows.signin.FailureCount;
import io.keyward.workflows.signin.SignInFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The failed sign-ins in the shared database, one row per key (table {@code sign_in_failures}), so
 * that every API replica sees the same counts and a restart forgets none.
 *
 * <p>{@link #add} counts in one transaction: an {@code UPDATE} of the key's row (starting it again
 * at 1 when its last failure is forgotten), or, when there is no row, an {@code INSERT}. The {@code
 * UPDATE} locks the row, so two replicas counting one key both count; when two insert the same new
 * key at once, the second insert fails on the primary key and that replica counts again, now
 * through the {@code UPDATE}. This runs the same on PostgreSQL and H2, which has no {@code ON
 * CONFLICT DO UPDATE}. Times are kept to the microsecond, as both databases keep them.
 *
 * <p>Rows whose count is forgotten are deleted at most once a minute per process, after an {@link
 * #add}; {@link #current} ignores them until then.
 */
public final class JdbcSignInFailures implements SignInFailures {
  static final int MAX_KEY = 200;
  private static final int ATTEMPTS = 5;

  /**
   * What a transaction that lost a race to another fails with, and is run again for: a unique
   * violation (two first failures of one key), a serialization failure or deadlock, H2's concurrent
   * update.
   */
  private static final Set<String> RACES = Set.of("23505", "40001", "40P01", "90131");

  private final DataSource database;
  private final ExpiredRows forgotten;

  public JdbcSignInFailures(DataSource database) {
    this.database = database;
    this.forgotten = new ExpiredRows(database, "sign_in_failures", "failure_key", "last_failure");
  }

  @Override
  public Optional<FailureCount> current(String key, Instant now, Duration forgetAfter) {
    checked(key);
    try (Connection connection = database.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT failures, last_failure FROM sign_in_failures WHERE failure_key = ?")) {
      select.setString(1, key);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        FailureCount count = countOf(row);
        return forgotten(count, now, forgetAfter) ? Optional.empty() : Optional.of(count);
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  @Override
  public FailureCount add(String key, Instant at, Duration forgetAfter) {
    checked(key);
    if (forgetAfter.isNegative() || forgetAfter.isZero()) {
      throw new IllegalArgumentException("forgetAfter must be positive, was " + forgetAfter);
    }
    Instant last = at.truncatedTo(ChronoUnit.MICROS);
    FailureCount counted = null;
    SQLException conflict = null;
    for (int attempt = 0; attempt < ATTEMPTS && counted == null; attempt++) {
      try {
        counted = addOnce(key, last, forgetAfter);
      } catch (SQLException e) {
        if (!RACES.contains(e.getSQLState())) {
          throw unavailable(e);
        }
        conflict = e;
      }
    }
    if (counted == null) {
      throw unavailable(conflict);
    }
    forgotten.deleteNowAndThen(last);
    return counted;
  }

  /** One transaction; throws what it failed with, a lost race too (see {@link #RACES}). */
  private FailureCount addOnce(String key, Instant last, Duration forgetAfter) throws SQLException {
    return Transactions.inTransaction(
        database,
        connection -> {
          FailureCount counted = update(connection, key, last, forgetAfter);
          return counted != null ? counted : insert(connection, key, last, forgetAfter);
        });
  }

  /**
   * Counts on the key's row, locking it, and reads the count back; null when there is no row. A
   * count forgotten by {@code last} starts again at 1; a failure older than the one counted (a
   * replica's clock behind another's) counts but keeps the later time.
   */
  private static FailureCount update(
      Connection connection, String key, Instant last, Duration forgetAfter) throws SQLException {
    OffsetDateTime cutoff = timestamp(last.minus(forgetAfter));
    OffsetDateTime at = timestamp(last);
    OffsetDateTime expires = timestamp(last.plus(forgetAfter));
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE sign_in_failures SET"
                + " failures = CASE WHEN last_failure <= ? THEN 1 ELSE failures + 1 END,"
                + " last_failure = CASE WHEN last_failure <= ? THEN ?"
                + " ELSE GREATEST(last_failure, ?) END,"
                + " expires_at = CASE WHEN last_failure <= ? THEN ?"
                + " ELSE GREATEST(expires_at, ?) END"
                + " WHERE failure_key = ?")) {
      update.setObject(1, cutoff);
      update.setObject(2, cutoff);
      update.setObject(3, at);
      update.setObject(4, at);
      update.setObject(5, cutoff);
      update.setObject(6, expires);
      update.setObject(7, expires);
      update.setString(8, key);
      if (update.executeUpdate() == 0) {
        return null;
      }
    }
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT failures, last_failure FROM sign_in_failures WHERE failure_key = ?")) {
      select.setString(1, key);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new SQLException("the row of " + key + " went away inside its transaction");
        }
        return countOf(row);
      }
    }
  }

  private static FailureCount insert(
      Connection connection, String key, Instant last, Duration forgetAfter) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO sign_in_failures (failure_key, failures, last_failure, expires_at)"
                + " VALUES (?, 1, ?, ?)")) {
      insert.setString(1, key);
      insert.setObject(2, timestamp(last));
      insert.setObject(3, timestamp(last.plus(forgetAfter)));
      insert.executeUpdate();
    }
    return new FailureCount(1, last);
  }

  @Override
  public void clear(String key) {
    checked(key);
    try (Connection connection = database.getConnection();
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM sign_in_failures WHERE failure_key = ?")) {
      delete.setString(1, key);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private static FailureCount countOf(ResultSet row) throws SQLException {
    return new FailureCount(
        row.getInt("failures"), row.getObject("last_failure", OffsetDateTime.class).toInstant());
  }

  private static boolean forgotten(FailureCount count, Instant now, Duration forgetAfter) {
    return !now.isBefore(count.last().plus(forgetAfter));
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static void checked(String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
      throw new IllegalArgumentException("a sign-in key has 1 to " + MAX_KEY + " characters");
    }
  }

  private static IllegalStateException unavailable(SQLException e) {
    return new IllegalStateException("failed sign-in counts unavailable: " + e.getMessage(), e);
  }
}
