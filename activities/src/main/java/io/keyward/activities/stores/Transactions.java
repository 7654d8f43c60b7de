package io.keyward.activities.stores;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The one transaction frame of the JDBC stores: a connection from the pool, auto-commit off, the
 * work, a commit, a rollback when the work fails (and the failure passed on as it was), auto-commit
 * restored before the connection goes back to the pool.
 *
 * <p>Stores that run a transaction again when it lost a race (a unique violation, a serialization
 * failure) call the variant that throws the {@link SQLException} itself and look at its SQLState;
 * the others name their "unavailable" failure and get it instead.
 */
public final class Transactions {
  /** What runs inside the transaction; what it returns is the transaction's result. */
  @FunctionalInterface
  public interface Work<T> {
    T in(Connection connection) throws SQLException;
  }

  /** H2's own JDBC level for snapshot isolation ({@code org.h2.engine.Constants}). */
  private static final int H2_SNAPSHOT = 6;

  private Transactions() {}

  /**
   * Runs {@code work} in one transaction and commits it; rolls it back and throws what the work
   * threw (or the commit) otherwise.
   */
  public static <T> T inTransaction(DataSource database, Work<T> work) throws SQLException {
    try (Connection connection = database.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.in(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  /**
   * As {@link #inTransaction(DataSource, Work)}, a database failure turned into the store's own
   * {@code unavailable} failure.
   */
  public static <T> T inTransaction(
      DataSource database, Work<T> work, Function<SQLException, RuntimeException> unavailable) {
    try {
      return inTransaction(database, work);
    } catch (SQLException e) {
      throw unavailable.apply(e);
    }
  }

  /**
   * Runs {@code work} in one read-only transaction that sees one snapshot of the database and is
   * rolled back at the end: for readings that must agree with each other while others write.
   * PostgreSQL's repeatable read is such a snapshot; H2's is not (a row the transaction has not
   * read yet is read as last committed), so on H2 the transaction asks for its snapshot isolation.
   */
  public static <T> T inSnapshot(DataSource database, Work<T> work) throws SQLException {
    try (Connection connection = database.getConnection()) {
      int isolation = connection.getTransactionIsolation();
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      try {
        connection.setTransactionIsolation(snapshotIsolation(connection));
        return work.in(connection);
      } finally {
        connection.rollback();
        connection.setTransactionIsolation(isolation);
        connection.setAutoCommit(true);
      }
    }
  }

  private static int snapshotIsolation(Connection connection) throws SQLException {
    return "H2".equals(connection.getMetaData().getDatabaseProductName())
        ? H2_SNAPSHOT
        : Connection.TRANSACTION_REPEATABLE_READ;
  }

  /** A rollback that fails too is kept beside the first failure, which is the one thrown. */
  private static void rollback(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
