package io.keyward.activities.signin;

import static io.keyward.activities.signin.JdbcWebSessions.timestamp;

import io.keyward.activities.stores.ExpiredRows;
import io.keyward.workflows.signin.StartedSignIn;
import io.keyward.workflows.signin.StartedSignIns;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The OpenID Connect sign-ins not back from the identity provider yet, in the shared database
 * (table {@code started_sign_ins}), under the SHA-256 of the token the browser holds. {@link #take}
 * reads the row and deletes it; only the replica whose delete removed it answers it, so a sign-in
 * is taken once however many replicas the browser reaches.
 */
public final class JdbcStartedSignIns implements StartedSignIns {
  private final DataSource database;
  private final ExpiredRows expired;

  public JdbcStartedSignIns(DataSource database) {
    this.database = database;
    this.expired = new ExpiredRows(database, "started_sign_ins", "token_hash", "started_at");
  }

  @Override
  public void keep(String token, StartedSignIn signIn, Instant expiresAt, int keepAtMost) {
    expired.insert(
        signIn.startedAt(),
        keepAtMost,
        "INSERT INTO started_sign_ins (token_hash, state, nonce, code_verifier,"
            + " redirect_uri, next_path, max_age_seconds, started_at, expires_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        insert -> {
          insert.setString(1, TokenHash.of(token));
          insert.setString(2, signIn.state());
          insert.setString(3, signIn.nonce());
          insert.setString(4, signIn.codeVerifier());
          insert.setString(5, signIn.redirectUri().toString());
          insert.setString(6, signIn.next());
          insert.setObject(7, signIn.maxAge() == null ? null : signIn.maxAge().toSeconds());
          insert.setObject(8, timestamp(signIn.startedAt()));
          insert.setObject(9, timestamp(expiresAt));
        },
        JdbcStartedSignIns::unavailable);
  }

  @Override
  public Optional<StartedSignIn> take(String token, Instant now) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    String hash = TokenHash.of(token);
    try (Connection connection = database.getConnection()) {
      StartedSignIn found;
      boolean live;
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT state, nonce, code_verifier, redirect_uri, next_path, max_age_seconds,"
                  + " started_at, expires_at FROM started_sign_ins WHERE token_hash = ?")) {
        select.setString(1, hash);
        try (ResultSet row = select.executeQuery()) {
          if (!row.next()) {
            return Optional.empty();
          }
          long maxAge = row.getLong("max_age_seconds");
          Duration max = row.wasNull() ? null : Duration.ofSeconds(maxAge);
          found =
              new StartedSignIn(
                  row.getString("state"),
                  row.getString("nonce"),
                  row.getString("code_verifier"),
                  URI.create(row.getString("redirect_uri")),
                  row.getString("next_path"),
                  max,
                  row.getObject("started_at", OffsetDateTime.class).toInstant());
          live = now.isBefore(row.getObject("expires_at", OffsetDateTime.class).toInstant());
        }
      }
      try (PreparedStatement delete =
          connection.prepareStatement("DELETE FROM started_sign_ins WHERE token_hash = ?")) {
        delete.setString(1, hash);
        return delete.executeUpdate() == 1 && live ? Optional.of(found) : Optional.empty();
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private static IllegalStateException unavailable(SQLException e) {
    return new IllegalStateException("started sign-ins unavailable: " + e.getMessage(), e);
  }
}
