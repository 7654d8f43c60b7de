package io.keyward.activities.audit;

import io.keyward.workflows.audit.AuditRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** JSON-lines trails as dev mode wrote them before the database: one sealed record per line. */
final class OldTrails {
  private OldTrails() {}

  static Path write(Path file, int records) throws IOException {
    AuditHashChain chain = new AuditHashChain();
    List<String> lines = new ArrayList<>();
    String previous = AuditHashChain.GENESIS_HASH;
    for (int i = 1; i <= records; i++) {
      AuditRecord record = chain.seal(i, AuditEvents.numbered(i), previous);
      lines.add(chain.toJson(record));
      previous = record.hash();
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    AuditFiles.writeLines(file, lines);
    return file;
  }
}
