package io.keyward.activities.audit;

import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.audit.ChainVerification;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the audit trail of earlier versions: a JSON-lines file ({@code data/audit/audit.jsonl}),
 * one record per line in the form of {@link AuditHashChain}, chained by unkeyed SHA-256. Kept only
 * so that {@link ImportAuditTrail} can check such a file and move it into the database.
 */
public final class JsonLinesTrail {
  private JsonLinesTrail() {}

  /** Walks the file from its first line and reports the first broken record, if any. */
  public static ChainVerification verify(Path file) throws IOException {
    return read(file, record -> {});
  }

  /**
   * Walks the file and hands each record that verified to {@code sink}, in order, stopping at the
   * first broken one.
   */
  public static ChainVerification read(Path file, Consumer<AuditRecord> sink) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      Walk walk = new Walk(new AuditHashChain(), sink);
      JsonLines.read(channel, 0, 1, walk::visit);
      return walk.result();
    }
  }

  private static final class Walk {
    private final AuditHashChain chain;
    private final Consumer<AuditRecord> sink;
    private AuditRecord previous;
    private long checked;
    private ChainVerification broken;

    Walk(AuditHashChain chain, Consumer<AuditRecord> sink) {
      this.chain = chain;
      this.sink = sink;
    }

    boolean visit(JsonLines.Line line) {
      long expected = previous == null ? 1 : previous.sequence() + 1;
      if (!line.terminated()) {
        broken =
            ChainVerification.brokenAt(
                checked,
                expected,
                "torn partial write: line "
                    + line.number()
                    + " has no newline (a crash interrupted an append)");
        return false;
      }
      AuditRecord record;
      try {
        if (line.text() == null) {
          throw new IllegalArgumentException("not valid UTF-8");
        }
        record = chain.fromJson(line.text());
      } catch (IllegalArgumentException e) {
        broken =
            ChainVerification.brokenAt(
                checked, expected, "unparseable line " + line.number() + ": " + e.getMessage());
        return false;
      }
      Optional<String> problem = chain.problemWith(previous, record);
      if (problem.isPresent()) {
        broken = ChainVerification.brokenAt(checked, record.sequence(), problem.get());
        return false;
      }
      sink.accept(record);
      previous = record;
      checked++;
      return true;
    }

    ChainVerification result() {
      return broken != null ? broken : ChainVerification.intact(checked);
    }
  }
}
