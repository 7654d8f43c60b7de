package io.keyward.workflows.testing;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Like {@link HistoryRecorder}, for one run of a workflow that continues as new: saves that run's
 * history when the build is asked to, with {@code -Dkeyward.recordHistories=<dir>}.
 */
public final class Histories {
  private Histories() {}

  public static void saveRunIfAsked(
      WorkflowClient client, String workflowId, String runId, String name) {
    String dir = System.getProperty("keyward.recordHistories");
    if (dir == null || dir.isBlank()) {
      return;
    }
    try {
      Path target = Path.of(dir).resolve(name + ".json");
      Files.createDirectories(target.getParent());
      Files.writeString(target, client.fetchHistory(workflowId, runId).toJson(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
