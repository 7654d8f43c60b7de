package io.keyward.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.api.RunningKeyward;
import io.keyward.api.RunningKeyward.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP Basic against the running application: failed sign-ins are audited, then locked. */
class SignInOverHttpTest {
  @TempDir static Path data;

  private static RunningKeyward keyward;

  @BeforeAll
  static void start() throws Exception {
    keyward = RunningKeyward.start(data);
  }

  @AfterAll
  static void stop() {
    keyward.close();
  }

  @Test
  void fiveWrongPasswordsLockTheNameEvenForTheRightOneAndEachIsAudited() {
    String path = "/api/generations/kv-none/none";
    for (int attempt = 0; attempt < 5; attempt++) {
      Reply wrong = keyward.getWithPassword("erin", "guess-" + attempt, path);
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.raw().body()).doesNotContain("guess-");
    }

    Reply locked = keyward.getWithPassword("erin", "erin-demo-password", path);

    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.body().get("message").asText())
        .startsWith("too many failed sign-ins as erin; sign-in as erin is refused for another");
    assertThat(keyward.audit().recordsFor("sign-ins/erin"))
        .hasSize(5)
        .allSatisfy(r -> assertThat(r.event().type()).isEqualTo(SignInGuard.FAILED));
    // Someone else is not held up, and a verified password is not checked again on each request.
    assertThat(keyward.get("tom", path).status()).isEqualTo(404);
    assertThat(keyward.get("tom", path).status()).isEqualTo(404);
  }
}
