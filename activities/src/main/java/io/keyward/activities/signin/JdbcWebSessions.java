package io.keyward.activities.signin;

import io.keyward.activities.stores.ExpiredRows;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.directory.DirectoryUser;
import io.keyward.workflows.signin.WebSession;
import io.keyward.workflows.signin.WebSessions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The web pages' sessions in the shared database (table {@code web_sessions}), one row per session
 * under the SHA-256 of its id ({@link TokenHash}), so that every API replica sees the same sessions
 * and a reader of the table cannot present one. Expired rows are deleted at most once a minute per
 * process, after an {@link #open}; {@link #find} ignores them until then. Times are kept to the
 * microsecond, as both databases keep them.
 */
public final class JdbcWebSessions implements WebSessions {
  static final int MAX_NOTICE = 4000;

  private final DataSource database;
  private final ExpiredRows expired;

  public JdbcWebSessions(DataSource database) {
    this.database = database;
    this.expired = new ExpiredRows(database, "web_sessions", "id_hash", "last_seen");
  }

  @Override
  public void open(String id, WebSession session, int keepAtMost) {
    DirectoryUser user = session.user();
    expired.insert(
        session.signedInAt(),
        keepAtMost,
        "INSERT INTO web_sessions (id_hash, csrf_token, user_id, display_name, email,"
            + " roles, signed_in_at, authenticated_at, last_seen, expires_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        insert -> {
          insert.setString(1, TokenHash.of(id));
          insert.setString(2, session.csrfToken());
          insert.setString(3, user.id());
          insert.setString(4, user.displayName());
          insert.setString(5, user.email());
          insert.setString(
              6, user.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")));
          insert.setObject(7, timestamp(session.signedInAt()));
          insert.setObject(
              8, session.authenticatedAt() == null ? null : timestamp(session.authenticatedAt()));
          insert.setObject(9, timestamp(session.lastSeen()));
          insert.setObject(10, timestamp(session.expiresAt()));
        },
        JdbcWebSessions::unavailable);
  }

  @Override
  public Optional<WebSession> find(String id, Instant now) {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    try (Connection connection = database.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT csrf_token, user_id, display_name, email, roles, signed_in_at,"
                    + " authenticated_at, last_seen, expires_at FROM web_sessions"
                    + " WHERE id_hash = ? AND expires_at > ?")) {
      select.setString(1, TokenHash.of(id));
      select.setObject(2, timestamp(now));
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(sessionOf(row)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  @Override
  public void seen(String id, Instant at, Instant expiresAt) {
    update(
        "UPDATE web_sessions SET last_seen = ?, expires_at = ? WHERE id_hash = ?",
        timestamp(at),
        timestamp(expiresAt),
        TokenHash.of(id));
  }

  @Override
  public void close(String id) {
    update("DELETE FROM web_sessions WHERE id_hash = ?", TokenHash.of(id));
  }

  @Override
  public void keepNotice(String id, PageNotice notice) {
    String text = notice.text();
    if (text != null && text.length() > MAX_NOTICE) {
      text = text.substring(0, MAX_NOTICE - 1) + "…";
    }
    update(
        "UPDATE web_sessions SET notice_kind = ?, notice_text = ? WHERE id_hash = ?",
        notice.kind(),
        text,
        TokenHash.of(id));
  }

  /**
   * Reads the notice and clears it only if it is still the one read, so that of two replicas
   * serving the session's next pages at once, one shows it.
   */
  @Override
  public Optional<PageNotice> takeNotice(String id) {
    String hash = TokenHash.of(id);
    try (Connection connection = database.getConnection()) {
      PageNotice notice;
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT notice_kind, notice_text FROM web_sessions"
                  + " WHERE id_hash = ? AND notice_kind IS NOT NULL")) {
        select.setString(1, hash);
        try (ResultSet row = select.executeQuery()) {
          if (!row.next()) {
            return Optional.empty();
          }
          notice = new PageNotice(row.getString(1), row.getString(2));
        }
      }
      try (PreparedStatement clear =
          connection.prepareStatement(
              "UPDATE web_sessions SET notice_kind = NULL, notice_text = NULL"
                  + " WHERE id_hash = ? AND notice_kind = ? AND notice_text = ?")) {
        clear.setString(1, hash);
        clear.setString(2, notice.kind());
        clear.setString(3, notice.text());
        return clear.executeUpdate() == 1 ? Optional.of(notice) : Optional.empty();
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  @Override
  public int count(Instant now) {
    try (Connection connection = database.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT COUNT(*) FROM web_sessions WHERE expires_at > ?")) {
      select.setObject(1, timestamp(now));
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private void update(String sql, Object... values) {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      statement.executeUpdate();
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private static WebSession sessionOf(ResultSet row) throws SQLException {
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    String names = row.getString("roles");
    if (!names.isEmpty()) {
      Arrays.stream(names.split(",")).map(Role::valueOf).forEach(roles::add);
    }
    OffsetDateTime authenticated = row.getObject("authenticated_at", OffsetDateTime.class);
    return new WebSession(
        row.getString("csrf_token"),
        new DirectoryUser(
            row.getString("user_id"), row.getString("display_name"), row.getString("email"), roles),
        row.getObject("signed_in_at", OffsetDateTime.class).toInstant(),
        authenticated == null ? null : authenticated.toInstant(),
        row.getObject("last_seen", OffsetDateTime.class).toInstant(),
        row.getObject("expires_at", OffsetDateTime.class).toInstant());
  }

  static OffsetDateTime timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  private static IllegalStateException unavailable(SQLException e) {
    return new IllegalStateException("web sessions unavailable: " + e.getMessage(), e);
  }
}
