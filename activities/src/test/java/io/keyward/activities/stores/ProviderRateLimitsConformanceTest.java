package io.keyward.activities.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.hsm.ProviderRateLimits;
import io.keyward.workflows.hsm.ProviderRateLimits.Turn;
import io.keyward.workflows.stores.DatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the shared rate limits must do on every database the stores run on: turns within the limit
 * in any window, given in order and never before the caller's time, refused beyond the wait with
 * nothing recorded or kept for their holder, one bucket apart from another, and all of it with two
 * stores on one database taking turns at once, as two worker processes would.
 */
abstract class ProviderRateLimitsConformanceTest {
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration WINDOW = Duration.ofSeconds(10);

  @TempDir Path dir;
  private TestDatabase database;
  private DatabaseSettings settings;
  private JdbcStores stores;

  abstract TestDatabase database();

  @BeforeEach
  void openStores() throws Exception {
    database = database();
    settings = database.fresh(dir);
    stores = JdbcStores.open(settings);
  }

  @AfterEach
  void closeStores() throws Exception {
    if (stores != null) {
      stores.close();
    }
    if (settings != null) {
      database.close();
    }
  }

  private ProviderRateLimits limits() {
    return stores.providerRateLimits();
  }

  @Test
  void givesTheLimitAtOnceThenEachTurnAWindowAfterTheOneItReplaces() {
    List<Instant> turns = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      turns.add(limits().take("create/kv-a", null, 3, WINDOW, AT, Duration.ofMinutes(1)).at());
    }
    Instant later = AT.plusSeconds(4);
    for (int i = 0; i < 4; i++) {
      turns.add(limits().take("create/kv-a", null, 3, WINDOW, later, Duration.ofMinutes(1)).at());
    }

    assertThat(turns)
        .containsExactly(
            AT,
            AT,
            AT,
            AT.plus(WINDOW),
            AT.plus(WINDOW),
            AT.plus(WINDOW),
            AT.plus(WINDOW.multipliedBy(2)));
  }

  @Test
  void aTurnBeyondTheWaitIsRefusedWithWhenItWouldBeAndNothingIsRecorded() {
    limits().take("create/kv-a", null, 1, WINDOW, AT, Duration.ZERO);

    Turn refused =
        limits().take("create/kv-a", null, 1, WINDOW, AT.plusSeconds(2), Duration.ofSeconds(7));
    Turn again =
        limits().take("create/kv-a", null, 1, WINDOW, AT.plusSeconds(2), Duration.ofSeconds(8));

    assertThat(refused).isEqualTo(new Turn(false, AT.plus(WINDOW)));
    assertThat(refused.waitFrom(AT.plusSeconds(2))).isEqualTo(Duration.ofSeconds(8));
    assertThat(again).isEqualTo(new Turn(true, AT.plus(WINDOW)));
  }

  @Test
  void aTurnBeyondTheWaitIsKeptForItsHolderWhoTakesItWhenBackInTime() {
    limits().take("create/kv-a", null, 1, WINDOW, AT, Duration.ZERO);

    Turn kept = limits().take("create/kv-a", "rotate#k1", 1, WINDOW, AT, Duration.ofSeconds(2));
    Turn behind = limits().take("create/kv-a", "rotate#k2", 1, WINDOW, AT, Duration.ofSeconds(2));
    Turn askedAgain =
        limits()
            .take("create/kv-a", "rotate#k1", 1, WINDOW, AT.plusSeconds(1), Duration.ofSeconds(2));
    Turn taken =
        limits()
            .take("create/kv-a", "rotate#k1", 1, WINDOW, AT.plusSeconds(8), Duration.ofSeconds(2));
    Turn next =
        limits()
            .take("create/kv-a", "rotate#k1", 1, WINDOW, AT.plusSeconds(9), Duration.ofSeconds(2));

    assertThat(kept).isEqualTo(new Turn(false, AT.plus(WINDOW)));
    assertThat(behind).isEqualTo(new Turn(false, AT.plus(WINDOW.multipliedBy(2))));
    assertThat(askedAgain).isEqualTo(kept);
    assertThat(taken).isEqualTo(new Turn(true, AT.plus(WINDOW)));
    assertThat(next)
        .as("a turn taken is not kept any more: the holder's next call queues again")
        .isEqualTo(new Turn(false, AT.plus(WINDOW.multipliedBy(3))));
  }

  @Test
  void aKeptTurnItsHolderMissedCountsForNothingAndTheHolderGetsANewOne() {
    limits().take("create/kv-a", null, 1, WINDOW, AT, Duration.ZERO);
    limits().take("create/kv-a", "rotate#k1", 1, WINDOW, AT, Duration.ZERO);

    Turn other =
        limits().take("create/kv-a", null, 1, WINDOW, AT.plusSeconds(15), Duration.ofSeconds(6));
    Turn late =
        limits()
            .take(
                "create/kv-a", "rotate#k1", 1, WINDOW, AT.plusSeconds(15), Duration.ofSeconds(20));

    assertThat(other)
        .as("the turn at 10 s was missed: the next counts from the one at 0 s")
        .isEqualTo(new Turn(true, AT.plusSeconds(15)));
    assertThat(late).isEqualTo(new Turn(true, AT.plusSeconds(25)));
  }

  @Test
  void aTurnNeverPrecedesTheLatestNorTheCallersTime() {
    limits().take("create/kv-a", null, 5, WINDOW, AT.plusSeconds(3), Duration.ZERO);

    Turn behind = limits().take("create/kv-a", null, 5, WINDOW, AT, Duration.ofSeconds(5));
    Turn ahead = limits().take("create/kv-a", null, 5, WINDOW, AT.plusSeconds(30), Duration.ZERO);

    assertThat(behind).isEqualTo(new Turn(true, AT.plusSeconds(3)));
    assertThat(ahead).isEqualTo(new Turn(true, AT.plusSeconds(30)));
  }

  @Test
  void bucketsAreCountedApart() {
    limits().take("create/kv-a", null, 1, WINDOW, AT, Duration.ZERO);

    assertThat(limits().take("create/kv-b", null, 1, WINDOW, AT, Duration.ZERO))
        .isEqualTo(new Turn(true, AT));
    assertThat(limits().take("create/kv-a", null, 1, WINDOW, AT, Duration.ZERO).given()).isFalse();
  }

  @Test
  void twoStoresOnOneDatabaseNeverGiveMoreThanTheLimitInAnyWindow() throws Exception {
    int limit = 10;
    Duration window = Duration.ofSeconds(10);
    try (JdbcStores other = JdbcStores.open(settings)) {
      List<ProviderRateLimits> workers = List.of(limits(), other.providerRateLimits());
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<List<Turn>>> takers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          ProviderRateLimits worker = workers.get(t % 2);
          Callable<List<Turn>> taker =
              () -> {
                List<Turn> given = new ArrayList<>();
                for (int i = 0; i < 15; i++) {
                  given.add(
                      worker.take(
                          "create/kv-shared",
                          null,
                          limit,
                          window,
                          Instant.now(),
                          Duration.ofMinutes(2)));
                }
                return given;
              };
          takers.add(pool.submit(taker));
        }
        List<Instant> turns = new ArrayList<>();
        for (Future<List<Turn>> taker : takers) {
          for (Turn turn : taker.get()) {
            assertThat(turn.given()).isTrue();
            turns.add(turn.at());
          }
        }

        assertThat(turns).hasSize(120);
        turns.sort(null);
        for (int i = 0; i + limit < turns.size(); i++) {
          assertThat(Duration.between(turns.get(i), turns.get(i + limit)))
              .as("turns %d and %d: %s and %s", i, i + limit, turns.get(i), turns.get(i + limit))
              .isGreaterThanOrEqualTo(window);
        }
        assertThat(Duration.between(turns.get(0), turns.get(turns.size() - 1)))
            .as("the 120 turns take the 11 windows the limit needs, not more")
            .isLessThan(window.multipliedBy(12));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void refusesWhatIsOutOfRange() {
    assertThatThrownBy(() -> limits().take("", null, 1, WINDOW, AT, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a rate limit bucket has 1 to 200 characters");
    assertThatThrownBy(() -> limits().take("b", null, 0, WINDOW, AT, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a rate limit allows at least 1 turn, was 0");
    assertThatThrownBy(() -> limits().take("b", null, 1, Duration.ZERO, AT, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a rate limit window must be positive, was PT0S");
    assertThatThrownBy(() -> limits().take("b", null, 1, WINDOW, AT, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxWait must not be negative, was PT-1S");
    assertThatThrownBy(() -> limits().take("b", "", 1, WINDOW, AT, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a rate limit turn's holder has 1 to 200 characters");
  }
}
