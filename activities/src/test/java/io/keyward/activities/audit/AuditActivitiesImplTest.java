package io.keyward.activities.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.keyward.activities.stores.EmbeddedAuditStore;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditReceipt;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.audit.ChainVerification;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditActivitiesImplTest {
  @TempDir Path dir;

  @Test
  void answersWithTheSequenceAndHashOfTheStoredRecordAndTheSameOnRetry() {
    try (EmbeddedAuditStore store = EmbeddedAuditStore.open(dir)) {
      AuditActivitiesImpl activities = new AuditActivitiesImpl(store);
      activities.append(AuditEvents.numbered(1));

      AuditReceipt receipt = activities.append(AuditEvents.numbered(2));
      AuditReceipt retried = activities.append(AuditEvents.numbered(2));

      AuditRecord stored = store.recordsFor(AuditEvents.numbered(2).subject()).get(1);
      assertThat(receipt).isEqualTo(new AuditReceipt(2, stored.hash()));
      assertThat(retried).isEqualTo(receipt);
    }
  }

  @Test
  void refusesAMalformedEventWithoutRetry() {
    try (EmbeddedAuditStore store = EmbeddedAuditStore.open(dir)) {
      AuditEvent noSubject = new AuditEvent("e-1", null, "T", "a", Instant.now(), Map.of());

      ApplicationFailure failure =
          catchThrowableOfType(
              ApplicationFailure.class, () -> new AuditActivitiesImpl(store).append(noSubject));

      assertThat(failure.getType()).isEqualTo(AuditActivitiesImpl.INVALID_EVENT);
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getOriginalMessage()).isEqualTo("audit event needs a non-blank subject");
    }
  }

  @Test
  void retriesWhenTheDatabaseIsClosed() {
    EmbeddedAuditStore store = EmbeddedAuditStore.open(dir);
    store.close();

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> new AuditActivitiesImpl(store).append(AuditEvents.numbered(1)));

    assertThat(failure.getType()).isEqualTo(AuditActivitiesImpl.STORE_UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
  }

  @Test
  void retriesWhenTheDatabaseFails() {
    AuditStore failingDisk =
        new AuditStore() {
          @Override
          public AuditRecord append(AuditEvent event) {
            throw new IllegalStateException("audit trail in db: Connection refused");
          }

          @Override
          public List<AuditRecord> recordsFor(String subject) {
            return List.of();
          }

          @Override
          public ChainVerification verify() {
            return ChainVerification.intact(0);
          }

          @Override
          public void close() {}
        };

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> new AuditActivitiesImpl(failingDisk).append(AuditEvents.numbered(1)));

    assertThat(failure.getType()).isEqualTo(AuditActivitiesImpl.STORE_UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("Connection refused");
  }
}
