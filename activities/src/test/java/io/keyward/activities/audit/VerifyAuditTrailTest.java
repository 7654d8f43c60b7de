package io.keyward.activities.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.activities.stores.Intruder;
import io.keyward.activities.stores.JdbcStores;
import io.keyward.workflows.audit.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyAuditTrailTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private AuditRecord trailOf(int records) {
    AuditRecord last = null;
    try (JdbcStores stores = JdbcStores.embedded(dir)) {
      for (int i = 1; i <= records; i++) {
        last = stores.audit().append(AuditEvents.numbered(i));
      }
    }
    return last;
  }

  private int run(String... args) {
    return VerifyAuditTrail.run(
        args,
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void exitsZeroAndCountsTheRecordsOfAnIntactTrail() {
    AuditRecord last = trailOf(12);

    assertThat(run(dir.toString())).isEqualTo(VerifyAuditTrail.INTACT);
    assertThat(run(dir.toString(), "--receipt", last.sequence() + ":" + last.hash()))
        .isEqualTo(VerifyAuditTrail.INTACT);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("audit trail intact: 12 records\naudit trail intact: 12 records\n");
  }

  @Test
  void exitsOneAndNamesTheFirstBrokenRecord() throws Exception {
    trailOf(12);
    try (JdbcStores stores = JdbcStores.embedded(dir)) {
      new Intruder(stores).editDetail(9, "olivia", "oscar");
    }

    assertThat(run(dir.toString())).isEqualTo(VerifyAuditTrail.BROKEN);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "audit trail BROKEN at record #9: edited: the record's content does not match"
                + " its hash\n");
  }

  @Test
  void exitsOneWhenTheTrailEndsBeforeTheReceipt() throws Exception {
    AuditRecord last = trailOf(5);
    try (JdbcStores stores = JdbcStores.embedded(dir)) {
      new Intruder(stores).truncateAfter(3, true);
    }

    assertThat(run(dir.toString(), "--receipt", last.sequence() + ":" + last.hash()))
        .isEqualTo(VerifyAuditTrail.BROKEN);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("truncated: the receipt names record #5 but the trail ends at #3");
  }

  @Test
  void exitsTwoWithoutADatabaseOrWithWrongArgumentsAndCreatesNothing() {
    assertThat(run(dir.resolve("nothing").toString())).isEqualTo(VerifyAuditTrail.UNUSABLE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read the audit trail");
    assertThat(run("--receipt", "12")).isEqualTo(VerifyAuditTrail.UNUSABLE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: VerifyAuditTrail");
    assertThat(dir.resolve("nothing")).doesNotExist();
  }

  @Test
  void mainExitsWithTheVerdictAsAProcessWhileAnotherProcessHasTheDatabaseOpen() throws Exception {
    trailOf(4);
    try (JdbcStores open = JdbcStores.embedded(dir)) {
      JavaProcess.Result intact = JavaProcess.run(VerifyAuditTrail.class, dir.toString());
      new Intruder(open).deleteRecord(2);
      JavaProcess.Result broken = JavaProcess.run(VerifyAuditTrail.class, dir.toString());

      assertThat(intact.exitCode()).as(intact.output()).isZero();
      assertThat(intact.output()).endsWith("audit trail intact: 4 records\n");
      assertThat(broken.exitCode()).as(broken.output()).isEqualTo(1);
      assertThat(broken.output())
          .endsWith(
              "audit trail BROKEN at record #2: gap: record #2 is missing (2 problems in all;"
                  + " records after it were checked too)\n");
    }
  }
}
