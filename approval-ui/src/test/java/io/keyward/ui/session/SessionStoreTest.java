package io.keyward.ui.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.activities.stores.JdbcStores;
import io.keyward.api.testing.SettableClock;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.directory.DirectoryUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sessions' rules (idle timeout, maximum age, sign-out, the limit, notices) on the embedded
 * database the stores use, and a session seen from a second process's stores on the same database.
 */
class SessionStoreTest {
  private static final DirectoryUser OLIVIA =
      new DirectoryUser(
          "olivia", "Olivia Officer", "olivia@example.com", Set.of(Role.CRYPTO_OFFICER));

  private final SettableClock clock = new SettableClock(Instant.parse("2026-11-28T09:00:00Z"));
  @TempDir static Path data;
  private static JdbcStores stores;

  private final SessionStore store =
      new SessionStore(
          stores.webSessions(), Duration.ofMinutes(30), Duration.ofHours(12), 3, clock);

  @BeforeAll
  static void openStores() {
    stores = JdbcStores.embedded(data);
  }

  @AfterAll
  static void closeStores() {
    stores.close();
  }

  @AfterEach
  void signEveryoneOut() throws Exception {
    try (Connection connection = stores.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM web_sessions");
    }
  }

  @Test
  void findsAnOpenSessionByItsIdAndNothingByAnyOther() {
    UiSession session = store.open(OLIVIA);

    UiSession found = store.find(session.id()).orElseThrow();
    assertThat(found.user()).isEqualTo(OLIVIA);
    assertThat(found.csrfToken()).isEqualTo(session.csrfToken());
    assertThat(found.authenticatedAt()).isEqualTo(clock.instant());
    assertThat(store.find("made-up")).isEmpty();
    assertThat(store.find(null)).isEmpty();
    assertThat(store.find("")).isEmpty();
  }

  @Test
  void endsASessionIdleForTheIdleTimeoutButNotOneInUse() {
    UiSession idle = store.open(OLIVIA);
    UiSession busy = store.open(OLIVIA);

    clock.advance(Duration.ofMinutes(20));
    store.find(busy.id());
    clock.advance(Duration.ofMinutes(10));

    assertThat(store.find(idle.id())).isEmpty();
    assertThat(store.find(busy.id())).isPresent();
  }

  @Test
  void endsEverySessionAtItsMaximumAgeHoweverBusy() {
    UiSession session = store.open(OLIVIA);
    for (int i = 0; i < 24; i++) {
      clock.advance(Duration.ofMinutes(29));
      store.find(session.id());
    }
    clock.advance(Duration.ofMinutes(29));

    assertThat(store.find(session.id())).isEmpty();
  }

  @Test
  void endsASessionAtSignOut() {
    UiSession session = store.open(OLIVIA);

    store.close(session);

    assertThat(store.find(session.id())).isEmpty();
  }

  @Test
  void dropsTheSessionIdleLongestWhenFull() {
    UiSession oldest = store.open(OLIVIA);
    clock.advance(Duration.ofMinutes(1));
    UiSession second = store.open(OLIVIA);
    clock.advance(Duration.ofMinutes(1));
    UiSession third = store.open(OLIVIA);
    clock.advance(Duration.ofMinutes(1));

    UiSession fourth = store.open(OLIVIA);

    assertThat(store.size()).isEqualTo(3);
    assertThat(store.find(oldest.id())).isEmpty();
    assertThat(store.find(second.id())).isPresent();
    assertThat(store.find(third.id())).isPresent();
    assertThat(store.find(fourth.id())).isPresent();
  }

  @Test
  void givesEachSessionItsOwnRandomIdAndCsrfToken() {
    UiSession one = store.open(OLIVIA);
    UiSession two = store.open(OLIVIA);

    assertThat(one.id()).isNotEqualTo(two.id()).isNotEqualTo(one.csrfToken()).hasSize(43);
    assertThat(one.csrfToken()).isNotEqualTo(two.csrfToken());
    assertThat(one.acceptsCsrfToken(one.csrfToken())).isTrue();
    assertThat(one.acceptsCsrfToken(two.csrfToken())).isFalse();
    assertThat(one.acceptsCsrfToken(null)).isFalse();
    assertThat(one.toString()).doesNotContain(one.id()).doesNotContain(one.csrfToken());
  }

  @Test
  void showsANoticeOnce() {
    UiSession session = store.open(OLIVIA);

    session.notice(Notice.refused("olivia has already approved this request"));

    assertThat(session.takeNotice().text()).isEqualTo("olivia has already approved this request");
    assertThat(session.takeNotice()).isNull();
  }

  @Test
  void aSessionOpenedThroughOneProcessesStoresIsFoundAndEndedThroughAnothers() {
    try (JdbcStores other = JdbcStores.embedded(data)) {
      SessionStore there =
          new SessionStore(
              other.webSessions(), Duration.ofMinutes(30), Duration.ofHours(12), 3, clock);
      UiSession session = store.open(OLIVIA);
      session.notice(Notice.done("You approved"));

      UiSession found = there.find(session.id()).orElseThrow();
      assertThat(found.takeNotice().text()).isEqualTo("You approved");
      assertThat(session.takeNotice()).isNull();

      there.close(found);
      assertThat(store.find(session.id())).isEmpty();
    }
  }

  @Test
  void keepsOnlyAHashOfTheSessionIdInTheDatabase() throws Exception {
    UiSession session = store.open(OLIVIA);

    try (Connection connection = stores.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT * FROM web_sessions")) {
      assertThat(rows.next()).isTrue();
      StringBuilder row = new StringBuilder();
      for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
        row.append(rows.getString(column)).append('|');
      }
      assertThat(row.toString())
          .doesNotContain(session.id())
          .contains(
              HexFormat.of()
                  .formatHex(
                      MessageDigest.getInstance("SHA-256")
                          .digest(session.id().getBytes(StandardCharsets.UTF_8))));
    }
  }

  @Test
  void refusesAnIdleTimeoutLongerThanTheMaximumAge() {
    assertThatThrownBy(
            () ->
                new SessionStore(
                    stores.webSessions(), Duration.ofHours(2), Duration.ofHours(1), 10, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idle timeout");
  }
}
