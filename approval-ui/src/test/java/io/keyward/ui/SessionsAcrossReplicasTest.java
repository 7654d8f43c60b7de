package io.keyward.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.api.RunningKeyward;
import io.keyward.ui.session.SessionCookies;
import io.keyward.ui.testing.PageClient;
import io.keyward.ui.testing.PageClient.Page;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two running applications on one database, as two API replicas behind a load balancer without
 * sticky sessions: a browser's session cookie works at whichever replica its request reaches, a
 * restart of the replica that signed it in signs nobody out, a sign-out at one replica ends the
 * session at both, and a session past its expiry is refused everywhere.
 */
class SessionsAcrossReplicasTest {
  @TempDir Path data;
  private RunningKeyward first;
  private RunningKeyward second;

  @BeforeEach
  void startTwoReplicas() throws Exception {
    first = RunningKeyward.start(data);
    second = RunningKeyward.start(data);
  }

  @AfterEach
  void stop() {
    for (RunningKeyward replica : new RunningKeyward[] {first, second}) {
      if (replica != null) {
        replica.close();
      }
    }
  }

  @Test
  void aSessionSignedInAtOneReplicaWorksAtTheOtherAndSurvivesARestartOfTheFirst() throws Exception {
    PageClient atFirst = new PageClient(first.base());
    assertThat(atFirst.signIn("olivia").status()).isEqualTo(303);
    String cookie = atFirst.cookie(SessionCookies.SESSION);
    PageClient atSecond = sameBrowserAt(second, cookie);

    Page inbox = atSecond.get("/ui/inbox");
    assertThat(inbox.status()).isEqualTo(200);
    assertThat(inbox.body()).containsIgnoringCase("olivia");

    first.close();
    first = RunningKeyward.start(data);

    Page afterRestart = sameBrowserAt(first, cookie).get("/ui/inbox");
    assertThat(afterRestart.status()).isEqualTo(200);
    assertThat(afterRestart.csrfToken()).isEqualTo(inbox.csrfToken());
  }

  @Test
  void aSignOutAtOneReplicaEndsTheSessionAtBoth() {
    PageClient atFirst = new PageClient(first.base());
    atFirst.signIn("kim");
    String cookie = atFirst.cookie(SessionCookies.SESSION);
    PageClient atSecond = sameBrowserAt(second, cookie);
    String csrf = atSecond.get("/ui/inbox").csrfToken();

    Page signedOut = atSecond.post("/ui/sign-out", Map.of("csrf", csrf));
    assertThat(signedOut.status()).isEqualTo(200);

    assertThat(sameBrowserAt(first, cookie).get("/ui/inbox").status()).isEqualTo(303);
    assertThat(sameBrowserAt(second, cookie).get("/ui/inbox").status()).isEqualTo(303);
  }

  @Test
  void aSessionPastItsExpiryIsRefusedAtEveryReplica() throws Exception {
    PageClient atFirst = new PageClient(first.base());
    atFirst.signIn("sam");
    String cookie = atFirst.cookie(SessionCookies.SESSION);
    assertThat(sameBrowserAt(second, cookie).get("/ui/inbox").status()).isEqualTo(200);

    // Time passes: the session's idle timeout runs out (the database's clock is the shared one).
    try (Connection connection = first.stores().dataSource().getConnection();
        PreparedStatement expire =
            connection.prepareStatement("UPDATE web_sessions SET expires_at = ?")) {
      expire.setObject(1, Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC));
      assertThat(expire.executeUpdate()).isEqualTo(1);
    }

    for (RunningKeyward replica : new RunningKeyward[] {first, second}) {
      Page refused = sameBrowserAt(replica, cookie).get("/ui/inbox");
      assertThat(refused.status()).isEqualTo(303);
      assertThat(refused.header("Location")).contains("/ui/sign-in");
    }
  }

  private static PageClient sameBrowserAt(RunningKeyward replica, String sessionCookie) {
    PageClient browser = new PageClient(replica.base());
    browser.setCookie(SessionCookies.SESSION, sessionCookie);
    return browser;
  }
}
