package io.keyward.activities.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.activities.stores.JdbcStores;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.audit.ChainVerification;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moving a dev-mode JSON-lines trail into the database, with both chains checked. */
class ImportAuditTrailTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-03T08:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private Path oldTrail(int records) throws Exception {
    return OldTrails.write(dir.resolve("data/audit/audit.jsonl"), records);
  }

  @Test
  void movesEveryRecordAndTiesTheOldChainIntoTheNewOne() throws Exception {
    Path file = oldTrail(30);
    List<AuditRecord> old = JsonLinesTrailRecords.of(file);

    try (JdbcStores stores = JdbcStores.embedded(dir.resolve("data"))) {
      ImportAuditTrail.Result result = ImportAuditTrail.importInto(file, stores.audit(), CLOCK);

      assertThat(result.source()).isEqualTo(ChainVerification.intact(30));
      assertThat(result.appended()).isEqualTo(30);
      assertThat(result.conflicts()).isEmpty();
      assertThat(result.target()).isEqualTo(ChainVerification.intact(31));
      assertThat(stores.audit().recordsFor(old.get(0).event().subject()))
          .extracting(AuditRecord::event)
          .containsExactlyElementsOf(old.stream().map(AuditRecord::event).toList());
      AuditEvent marker = stores.audit().recordsFor("audit-trail").get(0).event();
      assertThat(marker.type()).isEqualTo(ImportAuditTrail.IMPORTED);
      assertThat(marker.details())
          .containsEntry("lastSequence", "30")
          .containsEntry("lastHash", old.get(29).hash());
    }
  }

  @Test
  void aSecondRunImportsNothingTwice() throws Exception {
    Path file = oldTrail(10);
    try (JdbcStores stores = JdbcStores.embedded(dir.resolve("data"))) {
      ImportAuditTrail.importInto(file, stores.audit(), CLOCK);

      ImportAuditTrail.Result again = ImportAuditTrail.importInto(file, stores.audit(), CLOCK);

      assertThat(again.appended()).isZero();
      assertThat(again.alreadyThere()).isEqualTo(10);
      assertThat(again.target()).isEqualTo(ChainVerification.intact(11));
    }
  }

  @Test
  void refusesATrailWhoseOldChainIsBrokenAndImportsNothing() throws Exception {
    Path file = oldTrail(10);
    AuditFiles.editRecord(file, 4, line -> line.replace("olivia", "oscar"));

    int exit =
        ImportAuditTrail.run(
            new String[] {file.toString(), dir.resolve("data").toString()},
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(ImportAuditTrail.REFUSED);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("BROKEN at record #4");
    try (JdbcStores stores = JdbcStores.embedded(dir.resolve("data"))) {
      assertThat(stores.audit().verify()).isEqualTo(ChainVerification.intact(0));
    }
  }

  @Test
  void reportsAnEventAlreadyStoredWithOtherContent() throws Exception {
    Path file = oldTrail(3);
    AuditEvent second = AuditEvents.numbered(2);
    try (JdbcStores stores = JdbcStores.embedded(dir.resolve("data"))) {
      stores
          .audit()
          .append(
              new AuditEvent(
                  second.eventId(), second.subject(), "OTHER", null, second.at(), Map.of()));

      ImportAuditTrail.Result result = ImportAuditTrail.importInto(file, stores.audit(), CLOCK);

      assertThat(result.succeeded()).isFalse();
      assertThat(result.conflicts())
          .singleElement()
          .asString()
          .contains(second.eventId())
          .contains("other content");
    }
  }

  @Test
  void theCommandPrintsBothVerdictsAndExitsZero() throws Exception {
    Path file = oldTrail(5);

    int exit =
        ImportAuditTrail.run(
            new String[] {file.toString(), dir.resolve("data").toString()},
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ImportAuditTrail.DONE);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("audit trail intact: 5 records")
        .contains("imported 5 records, 0 already there")
        .contains("database: audit trail intact: 6 records");
  }
}
