package io.keyward.workflows.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationTopic;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a key's lifecycle says for a given plan: memo, expiry notices, enrolment details. */
class LifecycleMessagesTest {
  private static final KeyRef KEY = new KeyRef("payments-kv", "card-key");
  private static final Instant EXPIRES = Instant.parse("2028-01-01T00:00:00Z");

  private static KeyLifecycle lifecycle() {
    return new KeyLifecycle(
        LifecycleInput.enrol(KEY, KeyUsage.APPLICATION, Classification.CONFIDENTIAL, "ana"));
  }

  @Test
  void theSummaryNamesModeIntervalCycleAndNextAction() {
    KeyLifecycle lifecycle = lifecycle();
    lifecycle.plan(LifecyclePhase.WAITING_TO_ROTATE, LifecycleAction.ROTATE, EXPIRES);

    assertThat(LifecycleMessages.summary(lifecycle))
        .isEqualTo(
            "Application key payments-kv/card-key (CONFIDENTIAL, "
                + lifecycle.mode()
                + " rotation every P1Y), cycle 0: WAITING_TO_ROTATE, next ROTATE at "
                + EXPIRES);
  }

  @Test
  void anExpiryNoticeWarnsAndAnExpiredOneIsCritical() {
    Notification soon =
        LifecycleMessages.expiresSoon(lifecycle(), "v1", EXPIRES, "version v2 replaces it", "s");
    Notification expired =
        LifecycleMessages.expired(
            lifecycle(), "v1", EXPIRES, "no manual rotation replaced it", "s");

    assertThat(soon.topic()).isEqualTo(NotificationTopic.ROTATIONS);
    assertThat(soon.severity()).isEqualTo(Notification.Severity.WARNING);
    assertThat(soon.title()).isEqualTo("Key version expires in 7 days: " + KEY);
    assertThat(soon.text()).isEqualTo("version v1 expires " + EXPIRES + "; version v2 replaces it");
    assertThat(soon.link()).isEqualTo("/api/keys/payments-kv/card-key/lifecycle");
    assertThat(expired.severity()).isEqualTo(Notification.Severity.CRITICAL);
    assertThat(expired.title()).isEqualTo("Key version expired without rotation: " + KEY);
  }

  @Test
  void theEnrolmentDetailsNameUsageClassificationModeAndInterval() {
    KeyLifecycle lifecycle = lifecycle();

    assertThat(LifecycleMessages.enrolmentDetails(lifecycle))
        .containsOnly(
            Map.entry("key", KEY.toString()),
            Map.entry("usage", "APPLICATION"),
            Map.entry("classification", "CONFIDENTIAL"),
            Map.entry("mode", lifecycle.mode().name()),
            Map.entry("interval", "P1Y"));
  }
}
