package io.keyward.worker;

import io.keyward.workflows.common.TaskQueues;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a worker process needs to know: where Temporal is, which task queue to poll, where its local
 * state lives (the software keystore; the embedded database when no {@code KEYWARD_DATABASE_URL}
 * names a shared one), and whether it runs in dev mode (software keys stand in for the protection
 * levels no configured provider gives).
 */
public record WorkerSettings(
    String temporalTarget, String namespace, String taskQueue, Path dataDir, boolean devMode) {

  public WorkerSettings {
    if (temporalTarget == null || !temporalTarget.contains(":")) {
      throw new IllegalArgumentException(
          "Temporal target must be host:port, was " + temporalTarget);
    }
  }

  /**
   * From {@code KEYWARD_TEMPORAL_TARGET}, {@code KEYWARD_NAMESPACE}, {@code KEYWARD_TASK_QUEUE},
   * {@code KEYWARD_DATA_DIR} and {@code KEYWARD_DEV_MODE}, with the local defaults.
   */
  public static WorkerSettings fromEnvironment(Map<String, String> env) {
    return new WorkerSettings(
        env.getOrDefault("KEYWARD_TEMPORAL_TARGET", "127.0.0.1:7233"),
        env.getOrDefault("KEYWARD_NAMESPACE", "default"),
        env.getOrDefault("KEYWARD_TASK_QUEUE", TaskQueues.CEREMONIES),
        Path.of(env.getOrDefault("KEYWARD_DATA_DIR", "data")),
        Boolean.parseBoolean(env.getOrDefault("KEYWARD_DEV_MODE", "false")));
  }

  public Path keysDir() {
    return dataDir.resolve("keys");
  }

  public Path devMasterSecretFile() {
    return dataDir.resolve("master-secret");
  }
}
