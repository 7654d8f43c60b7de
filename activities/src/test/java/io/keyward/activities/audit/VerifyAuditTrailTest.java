package io.keyward.activities.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyAuditTrailTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private Path trailOf(int records) {
    Path file = dir.resolve("audit.jsonl");
    try (JsonLinesAuditStore store = JsonLinesAuditStore.open(file)) {
      for (int i = 1; i <= records; i++) {
        store.append(AuditEvents.numbered(i));
      }
    }
    return file;
  }

  private int run(String... args) {
    return VerifyAuditTrail.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void exitsZeroAndCountsTheRecordsOfAnIntactTrail() {
    Path file = trailOf(12);

    assertThat(run(file.toString())).isEqualTo(VerifyAuditTrail.INTACT);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("audit trail intact: 12 records\n");
  }

  @Test
  void exitsOneAndNamesTheFirstBrokenRecord() throws Exception {
    Path file = trailOf(12);
    AuditFiles.editRecord(file, 9, line -> line.replace("olivia", "oscar"));

    assertThat(run(file.toString())).isEqualTo(VerifyAuditTrail.BROKEN);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "audit trail BROKEN at record #9: hash mismatch: the record's content does not match"
                + " its hash\n");
  }

  @Test
  void exitsTwoForAMissingFileOrWrongArguments() {
    assertThat(run(dir.resolve("nothing.jsonl").toString())).isEqualTo(VerifyAuditTrail.UNUSABLE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file");
    assertThat(run()).isEqualTo(VerifyAuditTrail.UNUSABLE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: VerifyAuditTrail");
    assertThat(dir.resolve("nothing.jsonl")).doesNotExist();
  }

  @Test
  void mainExitsWithTheVerdictAsAProcess() throws Exception {
    Path file = trailOf(4);

    JavaProcess.Result intact = JavaProcess.run(VerifyAuditTrail.class, file.toString());
    AuditFiles.deleteRecord(file, 2);
    JavaProcess.Result broken = JavaProcess.run(VerifyAuditTrail.class, file.toString());

    assertThat(intact.exitCode()).isZero();
    assertThat(intact.output()).isEqualTo("audit trail intact: 4 records\n");
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.output())
        .isEqualTo(
            "audit trail BROKEN at record #3: sequence gap: expected record #2 but found #3\n");
  }
}
