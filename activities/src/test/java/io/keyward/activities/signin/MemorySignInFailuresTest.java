package io.keyward.activities.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.signin.FailureCount;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The memory store of failed sign-ins keeps the contract of the port. */
class MemorySignInFailuresTest {
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  private final MemorySignInFailures failures = new MemorySignInFailures(3);

  @Test
  void countsInARowAndForgetsAWindowAfterTheLastFailure() {
    failures.add("name:lena", T0, HOUR);
    FailureCount second = failures.add("name:lena", T0.plusSeconds(50 * 60), HOUR);

    assertThat(second).isEqualTo(new FailureCount(2, T0.plusSeconds(50 * 60)));
    assertThat(failures.current("name:lena", T0.plus(HOUR), HOUR)).contains(second);
    assertThat(failures.current("name:lena", T0.plusSeconds(110 * 60), HOUR)).isEmpty();
    assertThat(failures.add("name:lena", T0.plusSeconds(110 * 60), HOUR).failures()).isEqualTo(1);
  }

  @Test
  void clearsANameAndNeverHoldsMoreKeysThanItsLimit() {
    failures.add("name:a", T0, HOUR);
    failures.add("name:b", T0.plusSeconds(1), HOUR);
    failures.add("name:c", T0.plusSeconds(2), HOUR);
    failures.clear("name:c");
    failures.add("name:d", T0.plusSeconds(3), HOUR);
    failures.add("name:e", T0.plusSeconds(4), HOUR);

    assertThat(failures.current("name:a", T0.plusSeconds(5), HOUR)).as("oldest dropped").isEmpty();
    assertThat(failures.current("name:c", T0.plusSeconds(5), HOUR)).isEmpty();
    assertThat(failures.current("name:e", T0.plusSeconds(5), HOUR)).isPresent();
    assertThatThrownBy(() -> failures.add("x".repeat(201), T0, HOUR))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
