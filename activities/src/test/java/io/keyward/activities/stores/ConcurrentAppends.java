package io.keyward.activities.stores;

import io.keyward.workflows.audit.AuditStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One appender of the concurrency tests, and how to run one in a JVM of its own. */
final class ConcurrentAppends {
  private ConcurrentAppends() {}

  /** {@code <prefix>/1..count}, with {@code shared/1..shared} spread between them. */
  static void append(AuditStore audit, String prefix, int count, int shared) {
    int every = shared == 0 ? Integer.MAX_VALUE : Math.max(1, count / shared);
    int nextShared = 1;
    for (int i = 1; i <= count; i++) {
      audit.append(Events.event(prefix + "/" + i, prefix));
      if (i % every == 0 && nextShared <= shared) {
        audit.append(Events.event("shared/" + nextShared, "shared"));
        nextShared++;
      }
    }
    for (; nextShared <= shared; nextShared++) {
      audit.append(Events.event("shared/" + nextShared, "shared"));
    }
  }

  static Process inAnotherJvm(Map<String, String> environment, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(AppendFromAnotherProcess.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    return builder.start();
  }

  static String outputOf(Process process) throws IOException {
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
