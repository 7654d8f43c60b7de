package io.keyward.activities.webauthn;

import io.keyward.workflows.webauthn.CredentialState;
import io.keyward.workflows.webauthn.CredentialStore;
import io.keyward.workflows.webauthn.PersonCredential;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * People's WebAuthn credentials in the shared database (table {@code webauthn_credentials}). Every
 * change of state is one conditional {@code UPDATE}, so two replicas approving and revoking at once
 * leave one outcome, and a revoked credential never comes back.
 */
public final class JdbcCredentialStore implements CredentialStore {
  private static final String COLUMNS =
      "credential_id, person_id, public_key, sign_count, state, rp_id, origin, registered_at,"
          + " approved_by, approved_at, revoked_by, revoked_at";

  private final DataSource database;

  public JdbcCredentialStore(DataSource database) {
    this.database = database;
  }

  @Override
  public void register(PersonCredential pending) {
    if (pending.state() != CredentialState.PENDING) {
      throw new IllegalArgumentException("a credential is registered PENDING");
    }
    if (find(pending.credentialId()).isPresent()) {
      throw new IllegalArgumentException(
          "this security key is already registered; register another one");
    }
    try (Connection connection = database.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO webauthn_credentials ("
                    + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL)")) {
      insert.setString(1, pending.credentialId());
      insert.setString(2, pending.personId());
      insert.setString(3, pending.publicKey());
      insert.setLong(4, pending.signCount());
      insert.setString(5, pending.state().name());
      insert.setString(6, pending.rpId());
      insert.setString(7, pending.origin());
      insert.setObject(8, timestamp(pending.registeredAt()));
      insert.executeUpdate();
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new IllegalArgumentException(
            "this security key is already registered; register another one", e);
      }
      throw unavailable(e);
    }
  }

  @Override
  public Optional<PersonCredential> find(String credentialId) {
    List<PersonCredential> found = select("credential_id = ?", credentialId);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public List<PersonCredential> ofPerson(String personId) {
    return select("person_id = ?", personId);
  }

  @Override
  public List<PersonCredential> inState(CredentialState state) {
    return select("state = ?", state.name());
  }

  @Override
  public boolean activate(String credentialId, String approver, Instant at) {
    return update(
        "UPDATE webauthn_credentials SET state = 'ACTIVE', approved_by = ?, approved_at = ?"
            + " WHERE credential_id = ? AND state = 'PENDING'",
        approver,
        at,
        credentialId);
  }

  @Override
  public boolean revoke(String credentialId, String by, Instant at) {
    return update(
        "UPDATE webauthn_credentials SET state = 'REVOKED', revoked_by = ?, revoked_at = ?"
            + " WHERE credential_id = ? AND state IN ('PENDING', 'ACTIVE')",
        by,
        at,
        credentialId);
  }

  @Override
  public void raiseSignCount(String credentialId, long count) {
    try (Connection connection = database.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE webauthn_credentials SET sign_count = ?"
                    + " WHERE credential_id = ? AND sign_count < ?")) {
      update.setLong(1, count);
      update.setString(2, credentialId);
      update.setLong(3, count);
      update.executeUpdate();
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private boolean update(String sql, String who, Instant at, String credentialId) {
    try (Connection connection = database.getConnection();
        PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, who);
      update.setObject(2, timestamp(at));
      update.setString(3, credentialId);
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private List<PersonCredential> select(String where, String value) {
    try (Connection connection = database.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM webauthn_credentials WHERE "
                    + where
                    + " ORDER BY registered_at, credential_id")) {
      select.setString(1, value);
      try (ResultSet rows = select.executeQuery()) {
        List<PersonCredential> found = new ArrayList<>();
        while (rows.next()) {
          found.add(credentialOf(rows));
        }
        return found;
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private static PersonCredential credentialOf(ResultSet row) throws SQLException {
    return new PersonCredential(
        row.getString("person_id"),
        row.getString("credential_id"),
        row.getString("public_key"),
        row.getLong("sign_count"),
        CredentialState.valueOf(row.getString("state")),
        row.getString("rp_id"),
        row.getString("origin"),
        instant(row, "registered_at"),
        row.getString("approved_by"),
        instant(row, "approved_at"),
        row.getString("revoked_by"),
        instant(row, "revoked_at"));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static IllegalStateException unavailable(SQLException e) {
    return new IllegalStateException("security keys unavailable: " + e.getMessage(), e);
  }
}
