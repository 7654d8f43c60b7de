package io.keyward.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.api.RunningKeyward;
import io.keyward.api.TwoReplicas;
import io.keyward.ui.session.SessionCookies;
import io.keyward.ui.testing.PageClient;
import io.keyward.ui.testing.PageClient.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two running applications on one database, as two API replicas behind a load balancer without
 * sticky sessions: a browser's session cookie works at whichever replica its request reaches, a
 * restart of the replica that signed it in signs nobody out, a sign-out at one replica ends the
 * session at both, and a session past its expiry is refused everywhere.
 */
class SessionsAcrossReplicasTest {
  @RegisterExtension final TwoReplicas replicas = new TwoReplicas();

  @Test
  void aSessionSignedInAtOneReplicaWorksAtTheOtherAndSurvivesARestartOfTheFirst() throws Exception {
    PageClient atFirst = new PageClient(replicas.first().base());
    assertThat(atFirst.signIn("olivia").status()).isEqualTo(303);
    String cookie = atFirst.cookie(SessionCookies.SESSION);
    PageClient atSecond = sameBrowserAt(replicas.second(), cookie);

    Page inbox = atSecond.get("/ui/inbox");
    assertThat(inbox.status()).isEqualTo(200);
    assertThat(inbox.body()).containsIgnoringCase("olivia");

    replicas.restartFirst();

    Page afterRestart = sameBrowserAt(replicas.first(), cookie).get("/ui/inbox");
    assertThat(afterRestart.status()).isEqualTo(200);
    assertThat(afterRestart.csrfToken()).isEqualTo(inbox.csrfToken());
  }

  @Test
  void aSignOutAtOneReplicaEndsTheSessionAtBoth() {
    PageClient atFirst = new PageClient(replicas.first().base());
    atFirst.signIn("kim");
    String cookie = atFirst.cookie(SessionCookies.SESSION);
    PageClient atSecond = sameBrowserAt(replicas.second(), cookie);
    String csrf = atSecond.get("/ui/inbox").csrfToken();

    Page signedOut = atSecond.post("/ui/sign-out", Map.of("csrf", csrf));
    assertThat(signedOut.status()).isEqualTo(200);

    assertThat(sameBrowserAt(replicas.first(), cookie).get("/ui/inbox").status()).isEqualTo(303);
    assertThat(sameBrowserAt(replicas.second(), cookie).get("/ui/inbox").status()).isEqualTo(303);
  }

  @Test
  void aSessionPastItsExpiryIsRefusedAtEveryReplica() throws Exception {
    PageClient atFirst = new PageClient(replicas.first().base());
    atFirst.signIn("sam");
    String cookie = atFirst.cookie(SessionCookies.SESSION);
    assertThat(sameBrowserAt(replicas.second(), cookie).get("/ui/inbox").status()).isEqualTo(200);

    // Time passes: the session's idle timeout runs out (the database's clock is the shared one).
    try (Connection connection = replicas.first().stores().dataSource().getConnection();
        PreparedStatement expire =
            connection.prepareStatement("UPDATE web_sessions SET expires_at = ?")) {
      expire.setObject(1, Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC));
      assertThat(expire.executeUpdate()).isEqualTo(1);
    }

    for (RunningKeyward replica : new RunningKeyward[] {replicas.first(), replicas.second()}) {
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
