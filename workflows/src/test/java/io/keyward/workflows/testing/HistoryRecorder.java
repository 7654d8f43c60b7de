package io.keyward.workflows.testing;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Saves a finished run's history as JSON for the replay tests when the build is asked to, with
 * {@code -Dkeyward.recordHistories=<dir>}. Record again whenever a workflow change is versioned,
 * and keep the old files: they are what the replay tests protect.
 */
public final class HistoryRecorder {
  private HistoryRecorder() {}

  public static void saveIfAsked(WorkflowClient client, String workflowId, String name) {
    save(name, () -> client.fetchHistory(workflowId).toJson(true));
  }

  /** The same for one run of a workflow that continues as new. */
  public static void saveRunIfAsked(
      WorkflowClient client, String workflowId, String runId, String name) {
    save(name, () -> client.fetchHistory(workflowId, runId).toJson(true));
  }

  private static void save(String name, Supplier<String> history) {
    String dir = System.getProperty("keyward.recordHistories");
    if (dir == null || dir.isBlank()) {
      return;
    }
    try {
      Path target = Path.of(dir).resolve(name + ".json");
      Files.createDirectories(target.getParent());
      Files.writeString(target, history.get());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
