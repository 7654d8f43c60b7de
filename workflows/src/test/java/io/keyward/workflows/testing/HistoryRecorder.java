package io.keyward.workflows.testing;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves a finished run's history as JSON for the replay tests when the build is asked to, with
 * {@code -Dkeyward.recordHistories=<dir>}. Record again whenever a workflow change is versioned,
 * and keep the old files: they are what the replay tests protect.
 */
public final class HistoryRecorder {
  private HistoryRecorder() {}

  public static void saveIfAsked(WorkflowClient client, String workflowId, String name) {
    String dir = System.getProperty("keyward.recordHistories");
    if (dir == null || dir.isBlank()) {
      return;
    }
    try {
      Path target = Path.of(dir).resolve(name + ".json");
      Files.createDirectories(target.getParent());
      Files.writeString(target, client.fetchHistory(workflowId).toJson(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
