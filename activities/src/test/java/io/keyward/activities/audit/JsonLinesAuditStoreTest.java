package io.keyward.activities.audit;

import static io.keyward.activities.audit.AuditEvents.event;
import static io.keyward.activities.audit.AuditEvents.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.audit.ChainVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesAuditStoreTest {
  @TempDir Path dir;

  private Path file() {
    return dir.resolve("audit").resolve("audit.jsonl");
  }

  private List<AuditRecord> appendNumbered(int count) {
    List<AuditRecord> records = new ArrayList<>();
    try (JsonLinesAuditStore store = JsonLinesAuditStore.open(file())) {
      for (int i = 1; i <= count; i++) {
        records.add(store.append(numbered(i)));
      }
    }
    return records;
  }

  @Test
  void chainsManyRecordsThatVerify() throws Exception {
    List<AuditRecord> records = appendNumbered(300);

    assertThat(records)
        .extracting(AuditRecord::sequence)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 300).boxed().toList());
    assertThat(records.get(0).previousHash()).isEqualTo(AuditHashChain.GENESIS_HASH);
    for (int i = 1; i < records.size(); i++) {
      assertThat(records.get(i).previousHash()).isEqualTo(records.get(i - 1).hash());
    }
    assertThat(AuditFiles.lines(file())).hasSize(300);
    try (JsonLinesAuditStore store = JsonLinesAuditStore.open(file())) {
      assertThat(store.verify()).isEqualTo(ChainVerification.intact(300));
    }
    assertThat(VerifyAuditTrail.verify(file())).isEqualTo(ChainVerification.intact(300));
  }

  @Test
  void emptyTrailIsIntact() {
    try (JsonLinesAuditStore store = JsonLinesAuditStore.open(file())) {
      assertThat(store.verify()).isEqualTo(ChainVerification.intact(0));
    }
    assertThat(file()).exists().isEmptyFile();
  }

  @Test
  void reportsATamperedDetailAtExactlyThatRecord() throws Exception {
    appendNumbered(20);
    AuditFiles.editRecord(file(), 11, line -> line.replace("\"APPROVE\"", "\"DENY\""));

    ChainVerification result = VerifyAuditTrail.verify(file());

    assertThat(result.intact()).isFalse();
    assertThat(result.firstBrokenSequence()).isEqualTo(11);
    assertThat(result.problem()).startsWith("hash mismatch");
    assertThat(result.recordsChecked()).isEqualTo(10);
    try (JsonLinesAuditStore store = JsonLinesAuditStore.open(file())) {
      assertThat(store.verify()).isEqualTo(result);
    }
  }

  @Test
  void reportsARecordWhoseHashWasRecomputedAsABrokenLinkOfTheNextRecord() throws Exception {
    appendNumbered(10);
    AuditHashChain chain = new AuditHashChain();
    AuditFiles.editRecord(
        file(),
        4,
        line -> {
          AuditRecord original = chain.fromJson(line);
          AuditEvent e = original.event();
          AuditEvent forged =
              new AuditEvent(e.eventId(), e.subject(), e.type(), "mallory", e.at(), e.details());
          return chain.toJson(chain.seal(4, forged, original.previousHash()));
        });

    ChainVerification result = VerifyAuditTrail.verify(file());

    assertThat(result.firstBrokenSequence()).isEqualTo(5);
    assertThat(result.problem())
        .isEqualTo("broken link: previousHash does not match the hash of record #4");
  }

  @Test
  void reportsADeletedLineAsASequenceGap() throws Exception {
    appendNumbered(10);
    AuditFiles.deleteRecord(file(), 7);

    ChainVerification result = VerifyAuditTrail.verify(file());

    assertThat(result.firstBrokenSequence()).isEqualTo(8);
    assertThat(result.problem()).isEqualTo("sequence gap: expected record #7 but found #8");
    assertThat(result.recordsChecked()).isEqualTo(6);
  }

  @Test
  void reportsReorderedLines() throws Exception {
    appendNumbered(10);
    AuditFiles.swapRecords(file(), 5, 6);

    ChainVerification result = VerifyAuditTrail.verify(file());

    assertThat(result.firstBrokenSequence()).isEqualTo(6);
    assertThat(result.problem()).isEqualTo("sequence gap: expected record #5 but found #6");
  }

  @Test
  void reportsAnUnparseableLineAndRefusesNewEventsAfterIt() throws Exception {
    appendNumbered(5);
    AuditFiles.editRecord(file(), 3, line -> line.substring(0, line.length() / 2));

    ChainVerification result = VerifyAuditTrail.verify(file());

    assertThat(result.firstBrokenSequence()).isEqualTo(3);
    assertThat(result.problem()).startsWith("unparseable line 3: not valid JSON");
    try (JsonLinesAuditStore store = JsonLinesAuditStore.open(file())) {
      assertThatThrownBy(() -> store.append(numbered(6)))
          .isInstanceOf(AuditTrailDamagedException.class)
          .hasMessageContaining("line 3 cannot be read");
    }
  }

  @Test
  void reportsAFieldThatIsNotPartOfARecordAsUnparseable() throws Exception {
    appendNumbered(3);
    AuditFiles.editRecord(
        file(), 2, line -> line.replace("{\"sequence\"", "{\"note\":\"x\",\"sequence\""));

    ChainVerification result = VerifyAuditTrail.verify(file());

    assertThat(result.firstBrokenSequence()).isEqualTo(2);
    assertThat(result.problem()).isEqualTo("unparseable line 2: unknown field 'note'");
  }

  @Test
  void reportsATornLastLineAndRefusesToAppendAfterItWithoutTruncating() throws Exception {
    appendNumbered(5);
    AuditHashChain chain = new AuditHashChain();
    AuditRecord last = chain.fromJson(AuditFiles.lines(file()).get(4));
    String sixth = chain.toJson(chain.seal(6, numbered(6), last.hash()));
    AuditFiles.appendTorn(file(), sixth, 70);
    byte[] before = Files.readAllBytes(file());

    ChainVerification result = VerifyAuditTrail.verify(file());
    assertThat(result.firstBrokenSequence()).isEqualTo(6);
    assertThat(result.problem()).startsWith("torn partial write: line 6 has no newline");
    assertThat(result.recordsChecked()).isEqualTo(5);

    try (JsonLinesAuditStore store = JsonLinesAuditStore.open(file())) {
      assertThat(store.verify()).isEqualTo(result);
      assertThatThrownBy(() -> store.append(numbered(7)))
          .isInstanceOf(AuditTrailDamagedException.class)
          .hasMessageContaining("line 6 is a torn partial write after record #5")
          .hasMessageContaining("refusing to append");
      assertThat(store.append(numbered(3)).sequence())
          .as("an event already stored is still answered")
          .isEqualTo(3);
      assertThat(store.recordsFor(numbered(1).subject())).hasSize(5);
    }
    assertThat(Files.readAllBytes(file())).isEqualTo(before);
  }

  @Test
  void storesAnEventOnceWhenItIsAppendedAgainEvenAfterReopening() throws Exception {
    AuditEvent event = event("keygen/kv/app-key/run-1/1", "keygen/kv/app-key");
    AuditRecord first;
    try (JsonLinesAuditStore store = JsonLinesAuditStore.open(file())) {
      first = store.append(event);
      assertThat(store.append(event)).isEqualTo(first);
    }
    try (JsonLinesAuditStore store = JsonLinesAuditStore.open(file())) {
      assertThat(store.append(event)).isEqualTo(first);
      AuditEvent changedRetry =
          new AuditEvent(
              event.eventId(), event.subject(), event.type(), "oscar", event.at(), Map.of());
      assertThat(store.append(changedRetry)).as("the first write wins").isEqualTo(first);
      assertThat(store.append(event("keygen/kv/app-key/run-1/2", "keygen/kv/app-key")).sequence())
          .isEqualTo(2);
    }
    assertThat(AuditFiles.lines(file())).hasSize(2);
  }

  @Test
  void concurrentAppendsFromManyThreadsAndTwoStoresFormAGapFreeChain() throws Exception {
    int threads = 8;
    int perThread = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (JsonLinesAuditStore one = JsonLinesAuditStore.open(file());
        JsonLinesAuditStore two = JsonLinesAuditStore.open(file())) {
      List<Future<List<AuditRecord>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        JsonLinesAuditStore store = t % 2 == 0 ? one : two;
        String subject = "breakglass/INC-" + t;
        Callable<List<AuditRecord>> appender =
            () -> {
              List<AuditRecord> mine = new ArrayList<>();
              for (int i = 0; i < perThread; i++) {
                mine.add(store.append(event(subject + "/" + i, subject)));
              }
              return mine;
            };
        futures.add(pool.submit(appender));
      }
      List<Long> sequences = new ArrayList<>();
      for (Future<List<AuditRecord>> future : futures) {
        future.get().forEach(r -> sequences.add(r.sequence()));
      }

      assertThat(sequences)
          .containsExactlyInAnyOrderElementsOf(
              LongStream.rangeClosed(1, threads * perThread).boxed().toList());
      assertThat(one.verify()).isEqualTo(ChainVerification.intact(threads * perThread));
      assertThat(two.recordsFor("breakglass/INC-0"))
          .as("a store sees what the other appended")
          .hasSize(perThread);
    } finally {
      pool.shutdown();
    }
    assertThat(VerifyAuditTrail.verify(file())).isEqualTo(ChainVerification.intact(320));
  }

  @Test
  void appendsFromSeveralProcessesDoNotInterleave() throws Exception {
    Files.createDirectories(file().getParent());
    Process first = JavaProcess.start(AppendAuditEvents.class, file().toString(), "proc-a", "150");
    Process second = JavaProcess.start(AppendAuditEvents.class, file().toString(), "proc-b", "150");
    try (JsonLinesAuditStore store = JsonLinesAuditStore.open(file())) {
      for (int i = 1; i <= 150; i++) {
        store.append(event("proc-test/" + i, "proc-test"));
      }
      assertThat(first.waitFor()).as(new String(first.getInputStream().readAllBytes())).isZero();
      assertThat(second.waitFor()).as(new String(second.getInputStream().readAllBytes())).isZero();

      assertThat(store.verify()).isEqualTo(ChainVerification.intact(450));
      assertThat(store.recordsFor("proc-a")).hasSize(150);
      assertThat(store.recordsFor("proc-b")).hasSize(150);
      assertThat(store.append(event("proc-a/150", "proc-a")).event().actor())
          .as("another process's event is found by its id")
          .isEqualTo("olivia");
    }
    assertThat(AuditFiles.lines(file())).hasSize(450);
  }

  @Test
  void recordsForASubjectComeInChainOrder() {
    try (JsonLinesAuditStore store = JsonLinesAuditStore.open(file())) {
      store.append(event("a/1", "rotation/kv/a"));
      store.append(event("b/1", "rotation/kv/b"));
      store.append(event("a/2", "rotation/kv/a"));
      store.append(event("b/2", "rotation/kv/b"));
      store.append(event("a/3", "rotation/kv/a"));

      assertThat(store.recordsFor("rotation/kv/a"))
          .extracting(r -> r.event().eventId(), AuditRecord::sequence)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("a/1", 1L),
              org.assertj.core.groups.Tuple.tuple("a/2", 3L),
              org.assertj.core.groups.Tuple.tuple("a/3", 5L));
      assertThat(store.recordsFor("rotation/kv/none")).isEmpty();
    }
    try (JsonLinesAuditStore reopened = JsonLinesAuditStore.open(file())) {
      assertThat(reopened.recordsFor("rotation/kv/b"))
          .extracting(AuditRecord::sequence)
          .containsExactly(2L, 4L);
    }
  }

  @Test
  void refusesAnEventWithoutIdAndWritesNothing() {
    try (JsonLinesAuditStore store = JsonLinesAuditStore.open(file())) {
      AuditEvent noId = new AuditEvent(" ", "s", "t", "a", Instant.now(), Map.of());
      AuditEvent noTime = new AuditEvent("e", "s", "t", "a", null, Map.of());

      assertThatThrownBy(() -> store.append(noId))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("audit event needs a non-blank eventId");
      assertThatThrownBy(() -> store.append(noTime))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("audit event e has no time (at)");
    }
    assertThat(file()).isEmptyFile();
  }

  @Test
  void refusesWorkAfterClose() {
    JsonLinesAuditStore store = JsonLinesAuditStore.open(file());
    store.close();

    assertThatThrownBy(() -> store.append(numbered(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed");
  }

  @Test
  void refusesToAppendWhenTheFileShrankUnderTheStore() throws Exception {
    try (JsonLinesAuditStore store = JsonLinesAuditStore.open(file())) {
      store.append(numbered(1));
      store.append(numbered(2));
      List<String> lines = AuditFiles.lines(file());
      AuditFiles.writeLines(file(), lines.subList(0, 1));

      assertThatThrownBy(() -> store.append(numbered(3)))
          .isInstanceOf(AuditTrailDamagedException.class)
          .hasMessageContaining("truncated or replaced");
    }
  }
}
