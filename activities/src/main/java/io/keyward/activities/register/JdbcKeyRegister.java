package io.keyward.activities.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.keyward.activities.stores.Transactions;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.register.KeyRegister;
import io.keyward.workflows.register.RegisterChange;
import io.keyward.workflows.register.RegisterEntries;
import io.keyward.workflows.register.RegisterUpdate;
import io.keyward.workflows.register.RegisteredKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The key register in the shared database: {@code key_register} holds each key's entry as JSON,
 * {@code key_register_history} every change. An update locks the key's row ({@code SELECT ... FOR
 * UPDATE}), computes the change with {@link RegisterEntries#apply} and writes the entry and its
 * changes in one transaction, so two writers never interleave and a reader sees all of a change or
 * none of it. Two first registrations of one key race on the primary key; the loser tries once more
 * and finds the winner's row.
 */
public final class JdbcKeyRegister implements KeyRegister {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource database;

  public JdbcKeyRegister(DataSource database) {
    this.database = database;
  }

  @Override
  public Optional<RegisteredKey> find(KeyRef key) {
    try (Connection connection = database.getConnection()) {
      return entry(connection, key, false);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  @Override
  public List<RegisterChange> history(KeyRef key) {
    try (Connection connection = database.getConnection()) {
      return history(connection, key);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  @Override
  public Optional<RegisteredKey> apply(RegisterUpdate update) {
    try {
      return applyOnce(update);
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw unavailable(e);
      }
      try {
        return applyOnce(update);
      } catch (SQLException again) {
        throw unavailable(again);
      }
    }
  }

  @Override
  public List<RegisteredKey> all() {
    List<RegisteredKey> all = new ArrayList<>();
    try (Connection connection = database.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT entry_json FROM key_register");
        ResultSet row = select.executeQuery()) {
      while (row.next()) {
        all.add(read(row.getString(1), RegisteredKey.class));
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
    // Sorted here, not by the database, whose collation depends on its locale.
    all.sort(Comparator.comparing(entry -> entry.key().toString()));
    return all;
  }

  private Optional<RegisteredKey> applyOnce(RegisterUpdate update) throws SQLException {
    return Transactions.inTransaction(
        database,
        connection -> {
          Optional<RegisteredKey> current = entry(connection, update.key(), true);
          List<RegisterChange> history = history(connection, update.key());
          RegisterEntries.Applied applied = RegisterEntries.apply(current, history, update);
          if (applied.entry().isPresent() && !applied.entry().equals(current)) {
            write(connection, applied.entry().get(), current.isPresent());
            long seq = history.size();
            for (RegisterChange change : applied.changes()) {
              insertChange(connection, change, ++seq);
            }
          }
          return applied.entry();
        });
  }

  private static Optional<RegisteredKey> entry(Connection connection, KeyRef key, boolean lock)
      throws SQLException {
    String sql =
        "SELECT entry_json FROM key_register WHERE key_ref = ?" + (lock ? " FOR UPDATE" : "");
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, key.toString());
      try (ResultSet row = select.executeQuery()) {
        return row.next()
            ? Optional.of(read(row.getString(1), RegisteredKey.class))
            : Optional.empty();
      }
    }
  }

  private static List<RegisterChange> history(Connection connection, KeyRef key)
      throws SQLException {
    List<RegisterChange> changes = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT change_json FROM key_register_history WHERE key_ref = ? ORDER BY seq")) {
      select.setString(1, key.toString());
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          changes.add(read(row.getString(1), RegisterChange.class));
        }
      }
    }
    return changes;
  }

  private static void write(Connection connection, RegisteredKey entry, boolean exists)
      throws SQLException {
    String sql =
        exists
            ? "UPDATE key_register SET entry_json = ? WHERE key_ref = ?"
            : "INSERT INTO key_register (entry_json, key_ref) VALUES (?, ?)";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, json(entry));
      statement.setString(2, entry.key().toString());
      statement.executeUpdate();
    }
  }

  private static void insertChange(Connection connection, RegisterChange change, long seq)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO key_register_history (key_ref, seq, change_id, change_json)"
                + " VALUES (?, ?, ?, ?)")) {
      insert.setString(1, change.key().toString());
      insert.setLong(2, seq);
      insert.setString(3, change.changeId());
      insert.setString(4, json(change));
      insert.executeUpdate();
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a register entry cannot be stored", e);
    }
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored register entry cannot be read", e);
    }
  }

  private static IllegalStateException unavailable(SQLException e) {
    return new IllegalStateException("the key register is unavailable: " + e.getMessage(), e);
  }
}
