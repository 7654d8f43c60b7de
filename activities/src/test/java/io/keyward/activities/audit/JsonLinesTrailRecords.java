package io.keyward.activities.audit;

import io.keyward.workflows.audit.AuditRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The records of an old JSON-lines trail, read whole. */
final class JsonLinesTrailRecords {
  private JsonLinesTrailRecords() {}

  static List<AuditRecord> of(Path file) throws IOException {
    List<AuditRecord> records = new ArrayList<>();
    JsonLinesTrail.read(file, records::add);
    return records;
  }
}
