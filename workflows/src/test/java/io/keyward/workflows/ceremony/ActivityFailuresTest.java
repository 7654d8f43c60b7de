package io.keyward.workflows.ceremony;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import org.junit.jupiter.api.Test;

/** An activity failure becomes one short sentence: its type and message, or how it timed out. */
class ActivityFailuresTest {
  private static ActivityFailure failedWith(Throwable cause) {
    return new ActivityFailure(
        "activity failed",
        5,
        6,
        "Create",
        "1",
        RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED,
        "worker@host",
        cause);
  }

  @Test
  void anApplicationFailureIsItsTypeAndMessage() {
    ActivityFailure failure =
        failedWith(ApplicationFailure.newFailure("slow down", "ProviderThrottled"));

    assertThat(ActivityFailures.describe(failure)).isEqualTo("ProviderThrottled: slow down");
  }

  @Test
  void aTimeoutIsItsKind() {
    ActivityFailure failure =
        failedWith(new TimeoutFailure("timeout", null, TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE));

    assertThat(ActivityFailures.describe(failure)).isEqualTo("timed out (START_TO_CLOSE)");
  }

  @Test
  void anyOtherCauseIsItsClassNameAndNoCauseIsTheFailuresMessage() {
    assertThat(ActivityFailures.describe(failedWith(new IllegalStateException("detail"))))
        .isEqualTo("IllegalStateException");
    assertThat(ActivityFailures.describe(failedWith(null))).contains("activity failed");
  }

  @Test
  void tellsTheApplicationFailureTypes() {
    ActivityFailure throttled =
        failedWith(ApplicationFailure.newFailure("slow down", "ProviderThrottled"));

    assertThat(ActivityFailures.isOfType(throttled, "KeyNotFound", "ProviderThrottled")).isTrue();
    assertThat(ActivityFailures.isOfType(throttled, "KeyNotFound")).isFalse();
    assertThat(
            ActivityFailures.isOfType(
                failedWith(new TimeoutFailure("t", null, TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE)),
                "ProviderThrottled"))
        .isFalse();
  }
}
