package io.keyward.activities.audit;

import java.nio.file.Path;

/** A second process appending to an audit file: {@code AppendAuditEvents <file> <prefix> <n>}. */
public final class AppendAuditEvents {
  private AppendAuditEvents() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    String prefix = args[1];
    int count = Integer.parseInt(args[2]);
    try (JsonLinesAuditStore store = JsonLinesAuditStore.open(file)) {
      for (int i = 1; i <= count; i++) {
        store.append(AuditEvents.event(prefix + "/" + i, prefix));
      }
    }
  }
}
