package io.keyward.activities.audit;

import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.audit.ChainVerification;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Optional;

/** Walks a JSON-lines audit file from its first byte and reports the first broken record. */
final class AuditFileVerifier {
  private AuditFileVerifier() {}

  /** The caller holds a lock that keeps writers out while the file is read. */
  static ChainVerification verify(FileChannel channel, AuditHashChain chain) throws IOException {
    Walk walk = new Walk(chain);
    JsonLines.read(channel, 0, 1, walk::visit);
    return walk.result();
  }

  private static final class Walk {
    private final AuditHashChain chain;
    private AuditRecord previous;
    private long checked;
    private ChainVerification broken;

    Walk(AuditHashChain chain) {
      this.chain = chain;
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
      previous = record;
      checked++;
      return true;
    }

    ChainVerification result() {
      return broken != null ? broken : ChainVerification.intact(checked);
    }
  }
}
