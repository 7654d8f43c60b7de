package io.keyward.activities.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.keyward.workflows.breakglass.AccessGrant;
import io.keyward.workflows.breakglass.AccessGrantStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The break-glass grants in the database: the worker that grants writes them, every API replica
 * reads them on each request, so a grant is seen everywhere at once and a revocation too. A grant
 * is a row keyed by its id, holding the grant as JSON; the first write of an id wins.
 */
public final class JdbcAccessGrantStore implements AccessGrantStore {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final DataSource database;

  public JdbcAccessGrantStore(DataSource database) {
    this.database = database;
  }

  @Override
  public AccessGrant record(AccessGrant grant) {
    Optional<AccessGrant> existing = find(grant.grantId());
    if (existing.isPresent()) {
      return existing.get();
    }
    try (Connection connection = database.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO access_grants (grant_id, grant_json) VALUES (?, ?)")) {
      insert.setString(1, grant.grantId());
      insert.setString(2, JSON.writeValueAsString(grant));
      insert.executeUpdate();
      return grant;
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        return find(grant.grantId()).orElseThrow(() -> unavailable(e));
      }
      throw unavailable(e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("grant " + grant.grantId() + " cannot be stored", e);
    }
  }

  @Override
  public Optional<AccessGrant> find(String grantId) {
    List<AccessGrant> found =
        select("SELECT grant_json FROM access_grants WHERE grant_id = ?", grantId);
    return found.stream().findFirst();
  }

  @Override
  public boolean remove(String grantId) {
    try (Connection connection = database.getConnection();
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM access_grants WHERE grant_id = ?")) {
      delete.setString(1, grantId);
      return delete.executeUpdate() > 0;
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  @Override
  public List<AccessGrant> all() {
    return select("SELECT grant_json FROM access_grants ORDER BY recorded", null);
  }

  private List<AccessGrant> select(String sql, String grantId) {
    List<AccessGrant> grants = new ArrayList<>();
    try (Connection connection = database.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      if (grantId != null) {
        select.setString(1, grantId);
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          grants.add(JSON.readValue(rows.getString(1), AccessGrant.class));
        }
      }
    } catch (SQLException e) {
      throw unavailable(e);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored break-glass grant cannot be read", e);
    }
    return List.copyOf(grants);
  }

  private static IllegalStateException unavailable(SQLException e) {
    return new IllegalStateException("break-glass grants unavailable: " + e.getMessage(), e);
  }
}
