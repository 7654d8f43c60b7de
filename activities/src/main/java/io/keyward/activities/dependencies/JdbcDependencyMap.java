package io.keyward.activities.dependencies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.dependencies.DependencyMap;
import io.keyward.workflows.dependencies.DependencyMapRules;
import io.keyward.workflows.dependencies.KeyDependent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The dependency map in the database: one row per key, its dependents as a JSON list in the order
 * they were recorded. The API edits it and every worker reads it; a replacement is one statement,
 * so a reader sees the old list or the new one, never half of either.
 */
public final class JdbcDependencyMap implements DependencyMap {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<KeyDependent>> LIST = new TypeReference<>() {};

  private final DataSource database;

  public JdbcDependencyMap(DataSource database) {
    this.database = database;
  }

  @Override
  public List<KeyDependent> dependentsOf(KeyRef key) {
    try (Connection connection = database.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT dependents_json FROM dependency_map WHERE key_ref = ?")) {
      select.setString(1, key.toString());
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? read(row.getString(1)) : List.of();
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  @Override
  public void replace(KeyRef key, List<KeyDependent> dependents) {
    List<KeyDependent> checked = List.copyOf(DependencyMapRules.requireValid(dependents));
    try (Connection connection = database.getConnection()) {
      if (checked.isEmpty()) {
        update(connection, "DELETE FROM dependency_map WHERE key_ref = ?", key.toString());
        return;
      }
      String json = JSON.writeValueAsString(checked);
      if (update(
              connection,
              "UPDATE dependency_map SET dependents_json = ? WHERE key_ref = ?",
              json,
              key.toString())
          > 0) {
        return;
      }
      try {
        update(
            connection,
            "INSERT INTO dependency_map (key_ref, dependents_json) VALUES (?, ?)",
            key.toString(),
            json);
      } catch (SQLException e) {
        if (!"23505".equals(e.getSQLState())) {
          throw e;
        }
        // Inserted by someone else meanwhile: the later replacement wins, as with an update.
        update(
            connection,
            "UPDATE dependency_map SET dependents_json = ? WHERE key_ref = ?",
            json,
            key.toString());
      }
    } catch (SQLException e) {
      throw unavailable(e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the dependents of " + key + " cannot be stored", e);
    }
  }

  @Override
  public Map<KeyRef, List<KeyDependent>> all() {
    // Sorted here, not by the database, whose collation depends on its locale.
    Map<String, String> rows = new TreeMap<>();
    try (Connection connection = database.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT key_ref, dependents_json FROM dependency_map");
        ResultSet row = select.executeQuery()) {
      while (row.next()) {
        rows.put(row.getString(1), row.getString(2));
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
    Map<KeyRef, List<KeyDependent>> all = new LinkedHashMap<>();
    rows.forEach((key, json) -> all.put(KeyRef.parse(key), read(json)));
    return all;
  }

  private static int update(Connection connection, String sql, String... values)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setString(i + 1, values[i]);
      }
      return statement.executeUpdate();
    }
  }

  private static List<KeyDependent> read(String json) {
    try {
      return List.copyOf(JSON.readValue(json, LIST));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored dependency list cannot be read", e);
    }
  }

  private static IllegalStateException unavailable(SQLException e) {
    return new IllegalStateException("the dependency map is unavailable: " + e.getMessage(), e);
  }
}
