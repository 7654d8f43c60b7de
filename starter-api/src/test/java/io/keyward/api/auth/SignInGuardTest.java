package io.keyward.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.activities.directory.YamlDirectory;
import io.keyward.activities.stores.EmbeddedAuditStore;
import io.keyward.api.testing.SettableClock;
import io.keyward.workflows.audit.AuditStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sixty wrong passwords in a row, as they were once tried, against a lock of 5 in 15 minutes. */
class SignInGuardTest {
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

  @TempDir Path dir;

  private final SettableClock clock = new SettableClock(T0);
  private AuditStore audit;
  private SignInGuard guard;

  @BeforeEach
  void open() {
    audit = EmbeddedAuditStore.open(dir);
    guard = new SignInGuard(YamlDirectory.demo(), audit, clock, 5, Duration.ofMinutes(15));
  }

  @AfterEach
  void close() {
    audit.close();
  }

  @Test
  void locksANameAfterFiveFailuresEvenForTheRightPasswordAndRecordsEachOnceOrCounted()
      throws Exception {
    for (int attempt = 0; attempt < 5; attempt++) {
      assertThat(guard.authenticate("lena", "guess".toCharArray(), "api")).isEmpty();
    }
    for (int attempt = 0; attempt < 55; attempt++) {
      assertThatThrownBy(() -> guard.authenticate("lena", "wrong".toCharArray(), "ui"))
          .isInstanceOf(TooManySignInsException.class)
          .hasMessage(
              "too many failed sign-ins as lena; sign-in as lena is refused for another 900"
                  + " seconds");
    }
    assertThatThrownBy(() -> guard.authenticate("lena", "lena-demo-password".toCharArray(), "ui"))
        .isInstanceOf(TooManySignInsException.class);
    assertThat(guard.authenticate("olivia", "olivia-demo-password".toCharArray(), "api"))
        .isPresent();

    assertThat(audit.recordsFor("sign-ins/lena"))
        .hasSize(5)
        .allSatisfy(
            r -> {
              assertThat(r.event().type()).isEqualTo(SignInGuard.FAILED);
              assertThat(r.event().actor()).isEqualTo("lena");
              assertThat(r.event().details()).containsEntry("channel", "api");
            });

    clock.advance(Duration.ofMinutes(15));
    assertThat(guard.authenticate("lena", "lena-demo-password".toCharArray(), "ui")).isPresent();
    guard.stop();
    assertThat(audit.recordsFor("sign-ins/lena"))
        .filteredOn(r -> r.event().type().equals("ATTEMPTS_THROTTLED"))
        .singleElement()
        .satisfies(r -> assertThat(r.event().details()).containsEntry("count", "56"));
  }

  @Test
  void anUnknownNameIsCountedLikeAKnownOneAndRecordedPrintably() {
    for (int attempt = 0; attempt < 5; attempt++) {
      assertThat(guard.authenticate("mal\u0000lory\n", "x".toCharArray(), "api")).isEmpty();
    }

    assertThatThrownBy(() -> guard.authenticate("mal\u0000lory\n", "x".toCharArray(), "api"))
        .isInstanceOf(TooManySignInsException.class)
        .hasMessageStartingWith("too many failed sign-ins as mal?lory;");
    assertThat(audit.recordsFor("sign-ins/mal?lory")).hasSize(5);
    assertThat(SignInGuard.recordable(" ")).isEqualTo("(empty)");
    assertThat(SignInGuard.recordable("x".repeat(100))).hasSize(67);
  }
}
