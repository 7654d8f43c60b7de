package io.keyward.ui.session;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.ext.RuntimeDelegate;
import org.junit.jupiter.api.Test;

class SessionCookiesTest {
  @Test
  void marksTheSessionCookieSecureOverTlsAndAlwaysHttpOnlyAndSameSite() {
    NewCookie overTls = SessionCookies.session("id-1", true);
    NewCookie overHttp = SessionCookies.session("id-1", false);

    assertThat(header(overTls)).contains("Secure", "HttpOnly", "SameSite=Lax", "Path=/ui");
    assertThat(header(overHttp)).contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure");
  }

  @Test
  void expiresACookieAtOnce() {
    assertThat(SessionCookies.expired(SessionCookies.SESSION, false).getMaxAge()).isZero();
  }

  private static String header(NewCookie cookie) {
    return RuntimeDelegate.getInstance().createHeaderDelegate(NewCookie.class).toString(cookie);
  }
}
