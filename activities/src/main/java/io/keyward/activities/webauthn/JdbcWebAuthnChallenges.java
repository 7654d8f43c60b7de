package io.keyward.activities.webauthn;

import io.keyward.activities.stores.ExpiredRows;
import io.keyward.activities.stores.Transactions;
import io.keyward.workflows.webauthn.WebAuthnChallenges;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The open WebAuthn challenges in the shared database (table {@code webauthn_challenges}). {@link
 * #issue} replaces the person's open challenge in one transaction; {@link #take} reads the person's
 * row and deletes it, and only the caller whose delete removed the row answers the challenge, so of
 * two replicas taking it at once one gets it. Expired rows are deleted at most once a minute per
 * process, after an {@link #issue}.
 */
public final class JdbcWebAuthnChallenges implements WebAuthnChallenges {
  private final DataSource database;
  private final ExpiredRows expired;

  public JdbcWebAuthnChallenges(DataSource database) {
    this.database = database;
    this.expired = new ExpiredRows(database, "webauthn_challenges", "challenge", "issued_at");
  }

  @Override
  public void issue(String personId, String challenge, Instant at) {
    checked(personId, "person id");
    checked(challenge, "challenge");
    Transactions.inTransaction(
        database,
        connection -> {
          try (PreparedStatement drop =
              connection.prepareStatement("DELETE FROM webauthn_challenges WHERE person_id = ?")) {
            drop.setString(1, personId);
            drop.executeUpdate();
          }
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO webauthn_challenges (challenge, person_id, issued_at, expires_at)"
                      + " VALUES (?, ?, ?, ?)")) {
            insert.setString(1, challenge);
            insert.setString(2, personId);
            insert.setObject(3, timestamp(at));
            insert.setObject(4, timestamp(at.plus(VALID_FOR)));
            return insert.executeUpdate();
          }
        },
        JdbcWebAuthnChallenges::unavailable);
    expired.deleteNowAndThen(at);
  }

  @Override
  public Optional<String> take(String personId, Instant now) {
    if (personId == null || personId.isEmpty() || personId.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    try (Connection connection = database.getConnection()) {
      String challenge;
      boolean live;
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT challenge, expires_at FROM webauthn_challenges WHERE person_id = ?")) {
        select.setString(1, personId);
        try (ResultSet row = select.executeQuery()) {
          if (!row.next()) {
            return Optional.empty();
          }
          challenge = row.getString(1);
          live = now.isBefore(row.getObject(2, OffsetDateTime.class).toInstant());
        }
      }
      try (PreparedStatement delete =
          connection.prepareStatement(
              "DELETE FROM webauthn_challenges WHERE challenge = ? AND person_id = ?")) {
        delete.setString(1, challenge);
        delete.setString(2, personId);
        return delete.executeUpdate() == 1 && live ? Optional.of(challenge) : Optional.empty();
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private static void checked(String value, String what) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a WebAuthn " + what + " has 1 to " + MAX_LENGTH + " characters");
    }
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  private static IllegalStateException unavailable(SQLException e) {
    return new IllegalStateException("WebAuthn challenges unavailable: " + e.getMessage(), e);
  }
}
