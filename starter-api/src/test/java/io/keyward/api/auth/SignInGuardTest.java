package io.keyward.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.activities.directory.YamlDirectory;
import io.keyward.activities.stores.JdbcStores;
import io.keyward.api.refusal.RefusalThrottle;
import io.keyward.api.testing.SettableClock;
import io.keyward.workflows.audit.AuditStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixty wrong passwords in a row, as they were once tried, against 5 free failures per name and 20
 * per address, then 30 seconds doubling up to 15 minutes.
 */
class SignInGuardTest {
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private static final String HERE = "192.0.2.10";

  @TempDir Path dir;

  private final SettableClock clock = new SettableClock(T0);
  private JdbcStores stores;
  private AuditStore audit;
  private SignInGuard guard;

  @BeforeEach
  void open() {
    stores = JdbcStores.embedded(dir);
    audit = stores.audit();
    guard =
        new SignInGuard(
            YamlDirectory.demo(), audit, clock, stores.signInFailures(), backoff(5), backoff(20));
  }

  private static SignInBackoff backoff(int free) {
    return new SignInBackoff(
        free, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(1));
  }

  @AfterEach
  void close() {
    stores.close();
  }

  @Test
  void throttlesANameAfterFiveFailuresEvenForTheRightPasswordAndRecordsEveryAttempt()
      throws Exception {
    for (int attempt = 0; attempt < 5; attempt++) {
      assertThat(guard.authenticate("lena", "guess".toCharArray(), "api", HERE)).isEmpty();
    }
    for (int attempt = 0; attempt < 55; attempt++) {
      assertThatThrownBy(() -> guard.authenticate("lena", "wrong".toCharArray(), "ui", HERE))
          .isInstanceOf(TooManySignInsException.class)
          .hasMessage(
              "too many failed sign-ins as lena; sign-in as lena is refused for another 30"
                  + " seconds")
          .satisfies(
              e ->
                  assertThat(((TooManySignInsException) e).retryAfter())
                      .contains(Duration.ofSeconds(30)));
    }
    assertThatThrownBy(
            () -> guard.authenticate("lena", "lena-demo-password".toCharArray(), "ui", HERE))
        .isInstanceOf(TooManySignInsException.class);
    assertThat(guard.authenticate("olivia", "olivia-demo-password".toCharArray(), "api", HERE))
        .isPresent();

    assertThat(audit.recordsFor("sign-ins/lena"))
        .hasSize(5)
        .allSatisfy(
            r -> {
              assertThat(r.event().type()).isEqualTo(SignInGuard.FAILED);
              assertThat(r.event().actor()).isEqualTo("lena");
              assertThat(r.event().details())
                  .containsEntry("channel", "api")
                  .containsEntry("address", HERE);
            });

    clock.advance(Duration.ofSeconds(30));
    assertThat(guard.authenticate("lena", "lena-demo-password".toCharArray(), "ui", HERE))
        .isPresent();
    guard.stop();
    assertThat(audit.recordsFor("sign-ins/lena"))
        .filteredOn(r -> r.event().type().equals(RefusalThrottle.THROTTLED))
        .singleElement()
        .satisfies(r -> assertThat(r.event().details()).containsEntry("count", "56"));
  }

  @Test
  void eachFurtherFailureDoublesTheWaitUpToFifteenMinutes() {
    for (int attempt = 0; attempt < 5; attempt++) {
      guard.authenticate("tom", "guess".toCharArray(), "api", HERE);
    }
    long[] waits = {60, 120, 240, 480, 900, 900};
    for (long wait : waits) {
      clock.advance(Duration.ofMinutes(15));
      assertThat(guard.authenticate("tom", "guess".toCharArray(), "api", HERE)).isEmpty();
      assertThatThrownBy(() -> guard.authenticate("tom", "x".toCharArray(), "api", HERE))
          .hasMessageEndingWith("refused for another " + wait + " seconds");
    }
  }

  @Test
  void throttlesAnAddressAfterTwentyFailuresWhateverTheNameAndNoOtherAddress() {
    for (int attempt = 0; attempt < 20; attempt++) {
      assertThat(guard.authenticate("name-" + attempt, "x".toCharArray(), "api", HERE)).isEmpty();
    }

    assertThatThrownBy(
            () -> guard.authenticate("olivia", "olivia-demo-password".toCharArray(), "ui", HERE))
        .isInstanceOf(TooManySignInsException.class)
        .hasMessage(
            "too many failed sign-ins from this address; sign-in from it is refused for another"
                + " 30 seconds");
    assertThat(
            guard.authenticate(
                "olivia", "olivia-demo-password".toCharArray(), "ui", "198.51.100.7"))
        .isPresent();
  }

  @Test
  void anUnknownNameIsCountedLikeAKnownOneAndRecordedPrintably() {
    for (int attempt = 0; attempt < 5; attempt++) {
      assertThat(guard.authenticate("mal\u0000lory\n", "x".toCharArray(), "api", HERE)).isEmpty();
    }

    assertThatThrownBy(() -> guard.authenticate("mal\u0000lory\n", "x".toCharArray(), "api", HERE))
        .isInstanceOf(TooManySignInsException.class)
        .hasMessageStartingWith("too many failed sign-ins as mal?lory;");
    assertThat(audit.recordsFor("sign-ins/mal?lory")).hasSize(5);
    assertThat(SignInGuard.recordable(" ")).isEqualTo("(empty)");
    assertThat(SignInGuard.recordable("x".repeat(100))).hasSize(67);
  }
}
