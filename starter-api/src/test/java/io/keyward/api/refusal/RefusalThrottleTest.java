package io.keyward.api.refusal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.activities.stores.EmbeddedAuditStore;
import io.keyward.api.errors.ConflictException;
import io.keyward.api.testing.SettableClock;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.webauthn.SignedDecisions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One person's refusals against a throttle of 2 per minute, on a clock the test moves. */
class RefusalThrottleTest {
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

  @TempDir Path dir;

  private final SettableClock clock = new SettableClock(T0);
  private AuditStore audit;
  private RefusalThrottle throttle;
  private Refusals refusals;

  @BeforeEach
  void open() {
    audit = EmbeddedAuditStore.open(dir);
    throttle = new RefusalThrottle(2, Duration.ofMinutes(1), audit, clock);
    refusals = new Refusals(audit, clock, throttle);
  }

  @AfterEach
  void close() {
    audit.close();
  }

  @Test
  void aStepStillLoadingItsSecurityKeysIsNeitherCountedNorRecorded() {
    Actor lena = new Actor("lena", Set.of(Role.SECURITY_TEAM_LEAD));
    for (int attempt = 0; attempt < 5; attempt++) {
      assertThatThrownBy(() -> sendStillLoading(lena))
          .isInstanceOf(ConflictException.class)
          .hasMessage(SignedDecisions.STILL_LOADING);
    }
    assertThat(audit.recordsFor("credential-enrolment/k1")).isEmpty();

    assertThatThrownBy(() -> sendRefused(lena, "not eligible"))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> sendRefused(lena, "not eligible"))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> sendStillLoading(lena)).isInstanceOf(TooManyRefusalsException.class);
    assertThat(audit.recordsFor("credential-enrolment/k1"))
        .extracting(record -> record.event().details().get("refusal"))
        .containsExactly("not eligible", "not eligible");
  }

  @Test
  void aRefusalInTheWordsOfStillLoadingIsStillARefusal() {
    Actor lena = new Actor("lena", Set.of(Role.SECURITY_TEAM_LEAD));
    assertThatThrownBy(() -> sendRefused(lena, SignedDecisions.STILL_LOADING))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> sendRefused(lena, SignedDecisions.STILL_LOADING))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> sendStillLoading(lena)).isInstanceOf(TooManyRefusalsException.class);
    assertThat(audit.recordsFor("credential-enrolment/k1")).hasSize(2);
  }

  /** An Update sent for {@code actor} while the step is still loading its security keys. */
  private Object sendStillLoading(Actor actor) {
    return send(
        actor,
        ApplicationFailure.newNonRetryableFailure(
            SignedDecisions.STILL_LOADING, SignedDecisions.STILL_LOADING_TYPE));
  }

  /** An Update sent for {@code actor} that the workflow's validator refuses with {@code why}. */
  private Object sendRefused(Actor actor, String why) {
    return send(actor, ApplicationFailure.newFailure(why, "java.lang.IllegalArgumentException"));
  }

  private Object send(Actor actor, ApplicationFailure answer) {
    return refusals.send(
        "credential-enrolment/k1",
        actor,
        "APPROVE",
        () -> {
          throw new WorkflowUpdateException(
              WorkflowExecution.newBuilder().setWorkflowId("credential-enrolment/k1").build(),
              "update-1",
              "decide",
              answer);
        },
        () -> "the enrolment has ended",
        Optional::empty);
  }

  @Test
  void recordsTheFirstRefusalsOneByOneThenCountsTheRestIntoOneRecordWhenTheWindowEnds() {
    refusals.conflict("keygen/kv/a", "mallory", "APPROVE", "not eligible");
    refusals.conflict("keygen/kv/a", "mallory", "APPROVE", "not eligible");
    for (int attempt = 0; attempt < 3; attempt++) {
      clock.advance(Duration.ofSeconds(5));
      assertThatThrownBy(() -> refusals.admit("mallory"))
          .isInstanceOf(TooManyRefusalsException.class)
          .hasMessage(
              "mallory was refused 2 times within 60 seconds; further attempts are not sent to"
                  + " any ceremony for another "
                  + (60 - 5 * (attempt + 1))
                  + " seconds");
    }
    refusals.admit("someone-else");
    assertThat(audit.recordsFor("keygen/kv/a")).hasSize(2);
    assertThat(audit.recordsFor(RefusalThrottle.subjectOf("mallory"))).isEmpty();

    clock.advance(Duration.ofSeconds(61 - 15));
    throttle.flushEnded();

    List<AuditRecord> throttled = audit.recordsFor(RefusalThrottle.subjectOf("mallory"));
    assertThat(throttled)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.event().type()).isEqualTo(RefusalThrottle.THROTTLED);
              assertThat(r.event().actor()).isEqualTo("mallory");
              assertThat(r.event().details())
                  .containsEntry("count", "3")
                  .containsEntry("from", T0.toString())
                  .containsEntry("until", T0.plusSeconds(60).toString());
            });
    refusals.admit("mallory");
    assertThat(audit.verify().intact()).isTrue();
  }

  @Test
  void aRefusalBeyondTheLimitIsCountedNotWritten() {
    for (int attempt = 0; attempt < 4; attempt++) {
      refusals.conflict("keygen/kv/b", "mallory", "REGISTER", "step not open");
    }

    assertThat(audit.recordsFor("keygen/kv/b")).hasSize(2);
    clock.advance(Duration.ofSeconds(60));
    refusals.conflict("keygen/kv/b", "mallory", "REGISTER", "step not open");
    assertThat(audit.recordsFor("keygen/kv/b")).hasSize(3);
    assertThat(audit.recordsFor(RefusalThrottle.subjectOf("mallory")))
        .singleElement()
        .satisfies(r -> assertThat(r.event().details()).containsEntry("count", "2"));
  }

  @Test
  void stoppingWritesWhatIsStillCounted() throws Exception {
    throttle.start();
    refusals.conflict("keygen/kv/c", "mallory", "APPROVE", "no");
    refusals.conflict("keygen/kv/c", "mallory", "APPROVE", "no");
    assertThatThrownBy(() -> refusals.admit("mallory"))
        .isInstanceOf(TooManyRefusalsException.class);

    throttle.stop();

    assertThat(audit.recordsFor(RefusalThrottle.subjectOf("mallory")))
        .singleElement()
        .satisfies(r -> assertThat(r.event().details()).containsEntry("count", "1"));
  }
}
